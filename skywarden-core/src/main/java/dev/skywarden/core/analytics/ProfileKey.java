package dev.skywarden.core.analytics;

import dev.skywarden.core.event.CloudProvider;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * The identity a profile belongs to: a principal (ARN, UPN, service account e-mail) or a credential
 * (access key id, role session, token id, service account key id) of one cloud.
 *
 * @param scope principal or credential
 * @param provider the cloud
 * @param id the principal's display name, the role ARN for the role sessions with generated names
 *     that share one profile ({@link PrincipalKeys}), or the credential id
 */
public record ProfileKey(Scope scope, CloudProvider provider, String id)
    implements Comparable<ProfileKey> {

  private static final Comparator<ProfileKey> ORDER =
      Comparator.comparing(ProfileKey::scope)
          .thenComparing(ProfileKey::provider)
          .thenComparing(ProfileKey::id);

  /** What a profile is kept for. */
  public enum Scope {
    PRINCIPAL,
    CREDENTIAL;

    /** Returns the lower-case name, such as {@code principal}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ProfileKey {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(id, "id");
  }

  @Override
  public int compareTo(ProfileKey other) {
    return ORDER.compare(this, other);
  }
}
