package dev.skywarden.core.posture;

import dev.skywarden.core.finding.PrincipalPosture;
import dev.skywarden.core.finding.PrincipalPosture.Access;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The posture facts of one identity while an audit collects them; {@link #toPosture()} freezes
 * them. Not thread-safe: one audit fills it on one thread.
 */
public final class IdentityFacts {

  private final String provider;
  private final String principal;
  private final String type;
  private final Set<String> keys = new TreeSet<>();
  private final Set<String> failedChecks = new TreeSet<>();
  private boolean privileged;
  private Boolean mfa;
  private Access access = Access.UNKNOWN;
  private boolean external;

  IdentityFacts(String provider, String principal, String type) {
    this.provider = provider;
    this.principal = principal;
    this.type = type;
    alias(principal);
  }

  /** Returns the provider id: {@code aws}, {@code azure} or {@code gcp}. */
  public String provider() {
    return provider;
  }

  /** Returns the identity as the audit names it. */
  public String principal() {
    return principal;
  }

  /** Adds a name the hunt may know the identity by: an ARN, UPN, object id, e-mail or key. */
  public IdentityFacts alias(String name) {
    if (name != null && !name.isBlank()) {
      keys.add(PostureIndex.key(provider, name));
    }
    return this;
  }

  /** Marks the identity as privileged. */
  public IdentityFacts privileged() {
    this.privileged = true;
    return this;
  }

  /** Records whether MFA is active; a known {@code false} is never overwritten by unknown. */
  public IdentityFacts mfa(boolean active) {
    this.mfa = active;
    return this;
  }

  /** Records how privileges are held; {@code STANDING} wins over the other values. */
  public IdentityFacts access(Access value) {
    if (access != Access.STANDING) {
      access = value;
    }
    return this;
  }

  /** Marks the identity as belonging to another organisation. */
  public IdentityFacts external() {
    this.external = true;
    return this;
  }

  void failed(String checkId) {
    failedChecks.add(checkId);
  }

  Set<String> keys() {
    return keys;
  }

  /** Returns the frozen posture. */
  public PrincipalPosture toPosture() {
    return new PrincipalPosture(
        principal, type, privileged, mfa, access, external, java.util.List.copyOf(failedChecks));
  }

  /** Returns the lower-case principal, the key that results and facts are matched by. */
  String matchKey() {
    return principal.toLowerCase(Locale.ROOT);
  }
}
