package dev.skywarden.core.posture.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.posture.AuditResults;
import dev.skywarden.core.posture.PostureConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * AWS-EXT-01, AWS-PROD-01 and AWS-PROD-02: who may assume each role, and whether production and
 * non-production share an account.
 */
final class AwsTrustChecks {

  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Set<String> ENVIRONMENT_KEYS = Set.of("env", "environment", "stage", "tier");
  private static final Set<String> PRODUCTION_VALUES = Set.of("prod", "production", "prd", "live");
  private static final Set<String> NON_PRODUCTION_VALUES =
      Set.of(
          "dev",
          "development",
          "test",
          "testing",
          "qa",
          "staging",
          "stage",
          "sandbox",
          "nonprod",
          "non-prod",
          "non-production",
          "uat");
  private static final Set<String> ORGANISATION_CONDITION_KEYS =
      Set.of("aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount");

  private final AuditResults results;

  AwsTrustChecks(AuditResults results) {
    this.results = results;
  }

  void run(List<AwsPrivileges> identities) {
    PostureConfig config = results.context().config();
    Map<String, List<String>> productionTagged = new LinkedHashMap<>();
    Map<String, List<String>> nonProductionTagged = new LinkedHashMap<>();

    for (AwsPrivileges privileges : identities) {
      AwsIdentity identity = privileges.identity();
      String account = identity.account();
      environment(identity, productionTagged, nonProductionTagged);
      if (identity.isUser() || identity.serviceLinked()) {
        continue;
      }

      TreeSet<String> external = new TreeSet<>();
      TreeSet<String> unclassified = new TreeSet<>();
      TreeSet<String> fromNonProduction = new TreeSet<>();
      for (Trustee trustee : trustees(identity.trustPolicy())) {
        String trusted = trustee.account();
        if (trusted == null) {
          continue;
        }
        // Without organization_accounts only the role's own account is known to be inside, so
        // another account is neither inside nor outside; Principal * is outside in any case.
        boolean inside = trusted.equals(account) || config.organizationAccounts().contains(trusted);
        if (trusted.equals("*") || (!inside && !config.organizationAccounts().isEmpty())) {
          external.add(trustee.describe());
        } else if (!inside) {
          unclassified.add(trusted);
        }
        if (config.isNonProduction(trusted) && !trusted.equals(account)) {
          fromNonProduction.add(trustee.describe());
        }
      }
      if (external.isEmpty() && !unclassified.isEmpty()) {
        results.undecided(
            "AWS-EXT-01",
            account,
            identity.arn() + " (trusts " + String.join(", ", unclassified) + ")",
            "no organization_accounts in the posture configuration to place the trusted accounts",
            identity.source());
      } else if (external.isEmpty()) {
        results.evaluated("AWS-EXT-01", account, identity.source());
      } else {
        results.fail(
            "AWS-EXT-01",
            account,
            identity.arn(),
            "role",
            "trusted by " + String.join(", ", external),
            identity.source());
        results.identity("aws", identity.arn(), "role").external();
      }

      if (config.production().isEmpty()) {
        results.notEvaluated(
            "AWS-PROD-02", account, "no production accounts in the posture configuration", null);
      } else if (config.isProduction(account)) {
        if (fromNonProduction.isEmpty()) {
          results.evaluated("AWS-PROD-02", account, identity.source());
        } else {
          results.fail(
              "AWS-PROD-02",
              account,
              identity.arn(),
              "role",
              "production role trusted by non-production " + String.join(", ", fromNonProduction),
              identity.source());
        }
      }
    }

    Set<String> accounts = new TreeSet<>();
    identities.forEach(p -> accounts.add(p.identity().account()));
    for (String account : accounts) {
      List<String> nonProduction = nonProductionTagged.getOrDefault(account, List.of());
      boolean production =
          !productionTagged.getOrDefault(account, List.of()).isEmpty()
              || config.isProduction(account);
      if (production && !nonProduction.isEmpty()) {
        results.fail(
            "AWS-PROD-01",
            account,
            account,
            "account",
            (config.isProduction(account) ? "production account" : "account with production tags")
                + " also holds identities tagged non-production: "
                + String.join(", ", nonProduction.subList(0, Math.min(5, nonProduction.size())))
                + (nonProduction.size() > 5 ? " and " + (nonProduction.size() - 5) + " more" : ""),
            null);
      } else if (production || !config.production().isEmpty()) {
        results.evaluated("AWS-PROD-01", account, null);
      } else {
        results.notEvaluated(
            "AWS-PROD-01",
            account,
            "no production accounts in the posture configuration and no identity of the account"
                + " tagged as production",
            null);
      }
    }
  }

  /** Tells whether only AWS services may assume the role, so no person holds its rights. */
  static boolean trustedOnlyByServices(AwsIdentity identity) {
    if (identity.isUser()) {
      return false;
    }
    boolean any = false;
    for (JsonNode statement : statements(identity.trustPolicy())) {
      if (!statement.path("Effect").asText().equalsIgnoreCase("Allow")) {
        continue;
      }
      JsonNode principal = statement.path("Principal");
      if (!principal.isObject() || principal.has("AWS") || principal.has("Federated")) {
        return false;
      }
      any = any || principal.has("Service");
    }
    return any;
  }

  /**
   * One principal of a trust policy.
   *
   * @param principal the principal as written
   * @param account its account id, {@code *} for anyone, or {@code null} for services and identity
   *     providers
   * @param externalId whether an {@code sts:ExternalId} condition applies
   */
  private record Trustee(String principal, String account, boolean externalId) {
    String describe() {
      String trusted = account.equals("*") ? "any AWS account (Principal *)" : "account " + account;
      return trusted
          + (principal.equals(account) || account.equals("*") ? "" : " (" + principal + ")")
          + (externalId ? " with sts:ExternalId" : " without sts:ExternalId");
    }
  }

  private static List<Trustee> trustees(JsonNode trustPolicy) {
    List<Trustee> trustees = new ArrayList<>();
    for (JsonNode statement : statements(trustPolicy)) {
      if (!statement.path("Effect").asText().equalsIgnoreCase("Allow")) {
        continue;
      }
      String condition = statement.path("Condition").toString().toLowerCase(Locale.ROOT);
      boolean externalId = condition.contains("sts:externalid");
      boolean organisationOnly = ORGANISATION_CONDITION_KEYS.stream().anyMatch(condition::contains);
      JsonNode principal = statement.path("Principal");
      List<String> aws = new ArrayList<>();
      if (principal.isTextual()) {
        aws.add(principal.asText());
      } else {
        JsonNode node = principal.path("AWS");
        if (node.isTextual()) {
          aws.add(node.asText());
        } else {
          node.forEach(value -> aws.add(value.asText()));
        }
      }
      for (String value : aws) {
        String account = accountOfPrincipal(value);
        if (account != null && !(account.equals("*") && organisationOnly)) {
          trustees.add(new Trustee(value, account, externalId));
        }
      }
    }
    return trustees;
  }

  private static String accountOfPrincipal(String value) {
    if (value.equals("*")) {
      return "*";
    }
    if (ACCOUNT_ID.matcher(value).matches()) {
      return value;
    }
    String account = AwsAudit.accountOf(value);
    return account != null && ACCOUNT_ID.matcher(account).matches() ? account : null;
  }

  private static List<JsonNode> statements(JsonNode policy) {
    List<JsonNode> list = new ArrayList<>();
    JsonNode statements = policy.path("Statement");
    if (statements.isArray()) {
      statements.forEach(list::add);
    } else if (statements.isObject()) {
      list.add(statements);
    }
    return list;
  }

  private static void environment(
      AwsIdentity identity, Map<String, List<String>> production, Map<String, List<String>> other) {
    for (Map.Entry<String, String> tag : identity.tags().entrySet()) {
      if (!ENVIRONMENT_KEYS.contains(tag.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      String value = tag.getValue().toLowerCase(Locale.ROOT);
      if (PRODUCTION_VALUES.contains(value)) {
        production.computeIfAbsent(identity.account(), k -> new ArrayList<>()).add(identity.arn());
      } else if (NON_PRODUCTION_VALUES.contains(value)) {
        other.computeIfAbsent(identity.account(), k -> new ArrayList<>()).add(identity.arn());
      }
    }
  }
}
