package dev.skywarden.core.posture;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the exports cannot say: which scopes are production, which accounts and domains belong to
 * the organisation, who may run commands on machines, and the ages that make a credential stale.
 *
 * <p>Scope ids, accounts and domains are compared in lower case.
 *
 * @param production account ids, subscription ids and project ids that are production
 * @param nonProduction those that are not production
 * @param organizationAccounts AWS account ids (and partner accounts once approved) that are not
 *     third parties
 * @param organizationDomains e-mail and UPN domains of the organisation, such as {@code
 *     example.com}
 * @param runCommandAllowed principals that need shells or run-command rights (ARNs, object ids,
 *     UPNs, GCP members)
 * @param staleDays days without use after which a password or access key counts as unused
 * @param keyRotationDays days after which a key counts as not rotated
 * @param gcpProjects project id per export file name, for {@code get-iam-policy} output, which
 *     names no project
 */
public record PostureConfig(
    Set<String> production,
    Set<String> nonProduction,
    Set<String> organizationAccounts,
    Set<String> organizationDomains,
    Set<String> runCommandAllowed,
    int staleDays,
    int keyRotationDays,
    Map<String, String> gcpProjects) {

  /** The default staleness and rotation age in days. */
  public static final int DEFAULT_DAYS = 90;

  /** A configuration with nothing marked production and the default ages. */
  public static final PostureConfig DEFAULTS =
      new PostureConfig(
          Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), DEFAULT_DAYS, DEFAULT_DAYS, Map.of());

  public PostureConfig {
    production = lower(production);
    nonProduction = lower(nonProduction);
    organizationAccounts = lower(organizationAccounts);
    organizationDomains = lower(organizationDomains);
    runCommandAllowed = lower(runCommandAllowed);
    gcpProjects = Map.copyOf(new TreeMap<>(gcpProjects));
    if (staleDays < 1 || keyRotationDays < 1) {
      throw new IllegalArgumentException(
          "stale_days and key_rotation_days must be at least 1: "
              + staleDays
              + ", "
              + keyRotationDays);
    }
  }

  /** Tells whether the scope is marked production. */
  public boolean isProduction(String scope) {
    return scope != null && production.contains(scope.toLowerCase(Locale.ROOT));
  }

  /** Tells whether the scope is marked non-production. */
  public boolean isNonProduction(String scope) {
    return scope != null && nonProduction.contains(scope.toLowerCase(Locale.ROOT));
  }

  /** Tells whether the principal is listed under {@code run_command_allowed}. */
  public boolean runCommandAllowed(String principal) {
    return principal != null && runCommandAllowed.contains(principal.toLowerCase(Locale.ROOT));
  }

  private static Set<String> lower(Set<String> values) {
    Set<String> lower = new TreeSet<>();
    values.forEach(value -> lower.add(value.trim().toLowerCase(Locale.ROOT)));
    return Set.copyOf(lower);
  }
}
