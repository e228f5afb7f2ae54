package dev.skywarden.core.report.html;

import dev.skywarden.core.event.CloudProvider;
import java.util.Comparator;
import java.util.Objects;

/**
 * A principal as findings group it: the cloud, the account (null when the log has none) and the
 * principal's display name.
 */
public record PrincipalKey(CloudProvider provider, String account, String principal)
    implements Comparable<PrincipalKey> {

  private static final Comparator<PrincipalKey> ORDER =
      Comparator.comparing(PrincipalKey::principal)
          .thenComparing(PrincipalKey::provider)
          .thenComparing(key -> Objects.toString(key.account(), ""));

  public PrincipalKey {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(principal, "principal");
  }

  @Override
  public int compareTo(PrincipalKey other) {
    return ORDER.compare(this, other);
  }

  /** Returns a stable text id such as {@code aws|111122223333|arn:aws:iam::...:user/x}. */
  public String id() {
    return provider.id() + "|" + Objects.toString(account, "") + "|" + principal;
  }
}
