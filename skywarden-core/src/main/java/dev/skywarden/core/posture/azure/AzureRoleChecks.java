package dev.skywarden.core.posture.azure;

import dev.skywarden.core.finding.PrincipalPosture.Access;
import dev.skywarden.core.posture.AuditResults;
import dev.skywarden.core.posture.CheckCatalog;
import dev.skywarden.core.posture.IdentityFacts;
import dev.skywarden.core.posture.PostureConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * AZ-ROOT-01, AZ-ADMIN-01, AZ-RUN-01, AZ-JIT-01, AZ-EXT-01 and AZ-PROD-01/02 over role assignments.
 */
final class AzureRoleChecks {

  private static final Pattern NON_PRODUCTION_NAME =
      Pattern.compile("(^|[-_.])(dev|test|qa|staging|stage|sandbox|uat|nonprod)([-_.]|\\d|$)");

  private final AuditResults results;
  private final AzureUserChecks users;
  private final PimSchedules pim;
  private final PostureConfig config;
  private final Set<String> adminRoles;
  private final Set<String> privilegedRoles;
  private final Set<String> runCommandRoles;

  AzureRoleChecks(AuditResults results, AzureUserChecks users, PimSchedules pim) {
    this.results = results;
    this.users = users;
    this.pim = pim;
    this.config = results.context().config();
    CheckCatalog catalog = results.context().catalog();
    this.adminRoles = lower(catalog.roles("azure_admin_roles"));
    this.privilegedRoles = lower(catalog.roles("azure_privileged_roles"));
    this.runCommandRoles = lower(catalog.roles("azure_run_command_roles"));
  }

  void run(List<AzureAssignment> assignments, boolean haveAssignments) {
    if (!haveAssignments) {
      for (String id :
          List.of(
              "AZ-ROOT-01",
              "AZ-ADMIN-01",
              "AZ-RUN-01",
              "AZ-JIT-01",
              "AZ-EXT-01",
              "AZ-PROD-01",
              "AZ-PROD-02")) {
        results.notEvaluated(id, null, "needs az role assignment list --all", null);
      }
      return;
    }
    Map<String, Set<String>> subscriptionsByPrincipal = new LinkedHashMap<>();
    Map<String, AzureAssignment> firstByPrincipal = new LinkedHashMap<>();
    for (AzureAssignment assignment : assignments) {
      String scope = assignment.subscription();
      String role = assignment.roleName().toLowerCase(Locale.ROOT);
      IdentityFacts facts = users.facts(assignment);

      if (assignment.scope().equals("/")) {
        results.fail(
            "AZ-ROOT-01",
            scope,
            assignment.principalId(),
            assignment.principalType(),
            assignment.roleName() + " at the root scope / for " + assignment.who(),
            assignment.source());
      } else {
        results.evaluated("AZ-ROOT-01", scope, assignment.source());
      }

      boolean broadScope =
          assignment.scope().equals("/")
              || assignment.scope().toLowerCase(Locale.ROOT).matches("/subscriptions/[^/]+/?")
              || scope.startsWith("managementGroups/");
      boolean administrator = adminRoles.contains(role) && broadScope;
      if (administrator) {
        results.fail(
            "AZ-ADMIN-01",
            scope,
            assignment.principalId(),
            assignment.principalType(),
            assignment.roleName() + " at " + assignment.scope() + " for " + assignment.who(),
            assignment.source());
      } else {
        results.evaluated("AZ-ADMIN-01", scope, assignment.source());
      }

      boolean allowed =
          config.runCommandAllowed(assignment.principalId())
              || config.runCommandAllowed(assignment.principalName());
      // An administrator can run commands anyway, and AZ-ADMIN-01 reports it already, as
      // AWS-SHELL-01
      // leaves administrators to AWS-ADMIN-01.
      if (runCommandRoles.contains(role) && !allowed && !administrator) {
        results.fail(
            "AZ-RUN-01",
            scope,
            assignment.principalId(),
            assignment.principalType(),
            assignment.roleName() + " at " + assignment.scope() + " for " + assignment.who(),
            assignment.source());
      } else {
        results.evaluated("AZ-RUN-01", scope, assignment.source());
      }

      if (privilegedRoles.contains(role)) {
        facts.privileged();
        jit(assignment, facts, scope);
      }

      String external = users.externalReason(assignment);
      if (external != null) {
        facts.external();
        results.fail(
            "AZ-EXT-01",
            scope,
            assignment.principalId(),
            assignment.principalType(),
            external
                + ": "
                + assignment.who()
                + " holds "
                + assignment.roleName()
                + " at "
                + assignment.scope(),
            assignment.source());
      } else {
        results.evaluated("AZ-EXT-01", scope, assignment.source());
      }

      production(assignment, scope);
      subscriptionsByPrincipal
          .computeIfAbsent(assignment.principalId(), k -> new TreeSet<>())
          .add(scope);
      firstByPrincipal.putIfAbsent(assignment.principalId(), assignment);
    }
    crossEnvironment(subscriptionsByPrincipal, firstByPrincipal);
  }

  private void jit(AzureAssignment assignment, IdentityFacts facts, String scope) {
    if (!pim.present()) {
      results.notEvaluated(
          "AZ-JIT-01", scope, "needs PIM eligibility or assignment schedules", null);
      facts.access(Access.UNKNOWN);
      return;
    }
    String type = pim.assignmentType(assignment.principalId(), assignment.roleDefinitionId());
    boolean eligible = pim.eligible(assignment.principalId(), assignment.roleDefinitionId());
    boolean standing = "permanent".equals(type) || (type == null && !eligible);
    if (standing) {
      facts.access(Access.STANDING);
      results.fail(
          "AZ-JIT-01",
          scope,
          assignment.principalId(),
          assignment.principalType(),
          assignment.roleName()
              + " at "
              + assignment.scope()
              + " is "
              + (type == null ? "active with no PIM schedule" : "permanently assigned")
              + " for "
              + assignment.who(),
          assignment.source());
    } else {
      facts.access(Access.JUST_IN_TIME);
      results.evaluated("AZ-JIT-01", scope, assignment.source());
    }
  }

  private void production(AzureAssignment assignment, String scope) {
    if (config.production().isEmpty()) {
      results.notEvaluated(
          "AZ-PROD-01", scope, "no production subscriptions in the posture configuration", null);
      return;
    }
    if (!config.isProduction(scope)) {
      return;
    }
    String[] parts = assignment.scope().toLowerCase(Locale.ROOT).split("/", -1);
    String group = null;
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i].equals("resourcegroups")) {
        group = parts[i + 1];
      }
    }
    if (group != null && NON_PRODUCTION_NAME.matcher(group).find()) {
      results.fail(
          "AZ-PROD-01",
          scope,
          assignment.scope(),
          "resourceGroup",
          "resource group '"
              + group
              + "' is named non-production in production subscription "
              + scope,
          assignment.source());
    } else {
      results.evaluated("AZ-PROD-01", scope, assignment.source());
    }
  }

  private void crossEnvironment(
      Map<String, Set<String>> subscriptionsByPrincipal,
      Map<String, AzureAssignment> firstByPrincipal) {
    if (config.production().isEmpty() || config.nonProduction().isEmpty()) {
      results.notEvaluated(
          "AZ-PROD-02", null,
          "needs production and non_production subscriptions in the posture configuration", null);
      return;
    }
    subscriptionsByPrincipal.forEach(
        (principal, subscriptions) -> {
          TreeSet<String> production = new TreeSet<>();
          TreeSet<String> other = new TreeSet<>();
          for (String subscription : subscriptions) {
            if (config.isProduction(subscription)) {
              production.add(subscription);
            } else if (config.isNonProduction(subscription)) {
              other.add(subscription);
            }
          }
          AzureAssignment first = firstByPrincipal.get(principal);
          for (String subscription : production) {
            if (other.isEmpty()) {
              results.evaluated("AZ-PROD-02", subscription, first.source());
            } else {
              results.fail(
                  "AZ-PROD-02",
                  subscription,
                  principal,
                  first.principalType(),
                  first.who()
                      + " holds roles in production "
                      + subscription
                      + " and in non-production "
                      + String.join(", ", other),
                  first.source());
            }
          }
        });
  }

  private static Set<String> lower(List<String> values) {
    Set<String> lower = new TreeSet<>();
    values.forEach(value -> lower.add(value.toLowerCase(Locale.ROOT)));
    return lower;
  }
}
