package dev.skywarden.core.posture.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.finding.PrincipalPosture.Access;
import dev.skywarden.core.posture.AuditResults;
import dev.skywarden.core.posture.CheckCatalog;
import dev.skywarden.core.posture.IdentityFacts;
import dev.skywarden.core.posture.PostureConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * GCP-PRIM-01, GCP-ADMIN-01, GCP-PRIVESC-01, GCP-RUN-01, GCP-JIT-01, GCP-EXT-01, GCP-PROD-02 and
 * GCP-LOG-01 over IAM policies, one result per role and member.
 */
final class GcpBindingChecks {

  private static final Set<String> PRIMITIVE = Set.of("roles/owner", "roles/editor");
  private static final Set<String> PUBLIC = Set.of("allusers", "allauthenticatedusers");
  private static final List<String> AUDIT_LOG_TYPES =
      List.of("ADMIN_READ", "DATA_READ", "DATA_WRITE");

  private final AuditResults results;
  private final PostureConfig config;
  private final Set<String> adminRoles;
  private final Set<String> privilegedRoles;
  private final Set<String> impersonationRoles;
  private final Set<String> runCommandRoles;

  GcpBindingChecks(AuditResults results) {
    this.results = results;
    this.config = results.context().config();
    CheckCatalog catalog = results.context().catalog();
    this.adminRoles = Set.copyOf(catalog.roles("gcp_admin_roles"));
    this.privilegedRoles = Set.copyOf(catalog.roles("gcp_privileged_roles"));
    this.impersonationRoles = Set.copyOf(catalog.roles("gcp_impersonation_roles"));
    this.runCommandRoles = Set.copyOf(catalog.roles("gcp_run_command_roles"));
  }

  void run(List<GcpPolicy> policies) {
    for (GcpPolicy policy : policies) {
      for (GcpBinding binding : policy.bindings()) {
        check(binding);
      }
      if (policy.resourceManager()) {
        auditLogs(policy);
      }
    }
  }

  private void check(GcpBinding binding) {
    String scope = binding.scope();
    String role = binding.role();
    String member = binding.member();
    String type = binding.memberType();
    String source = binding.source();
    String where = role + " on " + scope + (binding.condition() == null ? "" : " with a condition");
    IdentityFacts facts = results.identity("gcp", member, type).alias(binding.memberName());

    if (PRIMITIVE.contains(role) && binding.human()) {
      results.fail("GCP-PRIM-01", scope, member, type, member + " holds " + where, source);
    } else {
      results.evaluated("GCP-PRIM-01", scope, source);
    }

    if (adminRoles.contains(role)) {
      results.fail("GCP-ADMIN-01", scope, member, type, member + " holds " + where, source);
    } else {
      results.evaluated("GCP-ADMIN-01", scope, source);
    }

    if (impersonationRoles.contains(role)) {
      results.fail(
          "GCP-PRIVESC-01",
          scope,
          member,
          type,
          member
              + " holds "
              + where
              + " at project level, so it can act as every service account"
              + " of the project",
          source);
    } else {
      results.evaluated("GCP-PRIVESC-01", scope, source);
    }

    if (config.production().isEmpty()) {
      results.notEvaluated(
          "GCP-RUN-01", scope, "no production projects in the posture configuration", null);
    } else if (config.isProduction(scope)) {
      boolean allowed =
          config.runCommandAllowed(member) || config.runCommandAllowed(binding.memberName());
      if (runCommandRoles.contains(role) && !allowed) {
        results.fail(
            "GCP-RUN-01",
            scope,
            member,
            type,
            member + " holds " + where + " in production",
            source);
      } else {
        results.evaluated("GCP-RUN-01", scope, source);
      }
    }

    if (privilegedRoles.contains(role)) {
      facts.privileged();
      facts.access(binding.timeBound() ? Access.JUST_IN_TIME : Access.STANDING);
      if (binding.human() && !binding.timeBound()) {
        results.fail(
            "GCP-JIT-01",
            scope,
            member,
            type,
            member + " holds " + where + " with no expiry on request.time",
            source);
      } else {
        results.evaluated("GCP-JIT-01", scope, source);
      }
    } else {
      results.evaluated("GCP-JIT-01", scope, source);
    }

    String external = externalReason(binding);
    if (external != null) {
      facts.external();
      results.fail("GCP-EXT-01", scope, member, type, external + ", holds " + where, source);
    } else if (needsOrganizationDomains(binding)) {
      results.undecided(
          "GCP-EXT-01",
          scope,
          member,
          "no organization_domains in the posture configuration to place their domains",
          source);
    } else {
      results.evaluated("GCP-EXT-01", scope, source);
    }

    production(binding);
  }

  /**
   * Returns why the member is external or public, or {@code null} when it is not or cannot be
   * decided ({@link #needsOrganizationDomains}). Public members and workload or workforce pool
   * identities are external without configuration. A user, group or domain member is external when
   * its domain is neither an {@code organization_domains} entry nor a subdomain of one.
   */
  private String externalReason(GcpBinding binding) {
    String member = binding.member().toLowerCase(Locale.ROOT);
    if (PUBLIC.contains(member)) {
      return binding.member() + " makes the role public";
    }
    if (member.startsWith("principal://") || member.startsWith("principalset://")) {
      return "federated identity from a workload or workforce pool";
    }
    String domain = personDomain(binding);
    if (domain == null || config.organizationDomains().isEmpty()) {
      return null;
    }
    for (String inside : config.organizationDomains()) {
      if (domain.equals(inside) || domain.endsWith("." + inside)) {
        return null;
      }
    }
    return "domain " + domain + " is not an organization_domains entry";
  }

  /** Tells whether only {@code organization_domains} could decide if the member is external. */
  private boolean needsOrganizationDomains(GcpBinding binding) {
    return config.organizationDomains().isEmpty() && personDomain(binding) != null;
  }

  /**
   * Returns the domain of a user, group or domain member, or {@code null} for service accounts,
   * whose {@code gserviceaccount.com} domain does not identify the organisation. NOTE: a service
   * account of another organisation's project is therefore never reported as external.
   */
  private static String personDomain(GcpBinding binding) {
    String domain = binding.domain();
    if (domain == null || domain.endsWith("gserviceaccount.com")) {
      return null;
    }
    return domain;
  }

  private void production(GcpBinding binding) {
    if (config.production().isEmpty() || !config.isProduction(binding.scope())) {
      if (config.production().isEmpty()) {
        results.notEvaluated(
            "GCP-PROD-02",
            binding.scope(),
            "no production projects in the posture configuration",
            null);
      }
      return;
    }
    String name = binding.memberName().toLowerCase(Locale.ROOT);
    String suffix = ".iam.gserviceaccount.com";
    if (binding.memberType().equals("serviceAccount") && name.endsWith(suffix)) {
      String project = name.substring(name.indexOf('@') + 1, name.length() - suffix.length());
      if (config.isNonProduction(project)) {
        results.fail(
            "GCP-PROD-02",
            binding.scope(),
            binding.member(),
            "serviceAccount",
            "service account of non-production project "
                + project
                + " holds "
                + binding.role()
                + " on production project "
                + binding.scope(),
            binding.source());
        return;
      }
    }
    results.evaluated("GCP-PROD-02", binding.scope(), binding.source());
  }

  private void auditLogs(GcpPolicy policy) {
    Set<String> logged = new HashSet<>();
    for (JsonNode config : policy.auditConfigs()) {
      if (config.path("service").asText().equals("allServices")) {
        for (JsonNode log : config.path("auditLogConfigs")) {
          logged.add(log.path("logType").asText());
        }
      }
    }
    TreeSet<String> missing = new TreeSet<>(AUDIT_LOG_TYPES);
    missing.removeAll(logged);
    if (missing.isEmpty()) {
      results.evaluated("GCP-LOG-01", policy.scope(), policy.source());
    } else {
      results.fail(
          "GCP-LOG-01",
          policy.scope(),
          policy.scope(),
          "project",
          "auditConfigs for allServices lack " + String.join(", ", missing),
          policy.source());
    }
  }
}
