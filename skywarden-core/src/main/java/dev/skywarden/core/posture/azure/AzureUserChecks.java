package dev.skywarden.core.posture.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.posture.AuditResults;
import dev.skywarden.core.posture.IdentityFacts;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * AZ-MFA-01 and AZ-MFA-02 over Entra user registration details, and the identity facts of users and
 * other principals. Users are matched to assignments by object id, then by UPN.
 */
final class AzureUserChecks {

  private final AuditResults results;
  private final Map<String, JsonNode> registrations;
  private final Map<String, JsonNode> byUpn = new HashMap<>();

  AzureUserChecks(AuditResults results, Map<String, JsonNode> registrations) {
    this.results = results;
    this.registrations = registrations;
    registrations
        .values()
        .forEach(r -> byUpn.put(r.path("userPrincipalName").asText().toLowerCase(Locale.ROOT), r));
  }

  /** Registers every user of the registration details with its MFA and admin state. */
  void register() {
    for (JsonNode registration : registrations.values()) {
      IdentityFacts facts =
          results
              .identity("azure", registration.path("id").asText(), "user")
              .alias(registration.path("userPrincipalName").asText())
              .mfa(registration.path("isMfaRegistered").asBoolean());
      if (registration.path("isAdmin").asBoolean(false)) {
        facts.privileged();
      }
      if (registration.path("userType").asText().equalsIgnoreCase("guest")) {
        facts.external();
      }
    }
  }

  /** Returns the facts of an assignment's principal, registered under its object id and name. */
  IdentityFacts facts(AzureAssignment assignment) {
    return results
        .identity("azure", assignment.principalId(), assignment.principalType())
        .alias(assignment.principalName());
  }

  /** Returns why the principal is external, or {@code null} when it is not. */
  String externalReason(AzureAssignment assignment) {
    if (assignment.principalType().equalsIgnoreCase("ForeignGroup")) {
      return "foreign group";
    }
    if (assignment.principalName().toUpperCase(Locale.ROOT).contains("#EXT#")) {
      return "guest user (#EXT# UPN)";
    }
    JsonNode registration = registration(assignment);
    if (registration != null && registration.path("userType").asText().equalsIgnoreCase("guest")) {
      return "guest user";
    }
    return null;
  }

  /** Runs AZ-MFA-01 and AZ-MFA-02. */
  void run(List<AzureAssignment> assignments) {
    if (registrations.isEmpty()) {
      results.notEvaluated("AZ-MFA-01", null, "needs Entra user registration details", null);
      results.notEvaluated("AZ-MFA-02", null, "needs Entra user registration details", null);
      return;
    }
    Set<String> privileged = new HashSet<>();
    for (AzureAssignment assignment : assignments) {
      JsonNode registration = registration(assignment);
      if (registration != null
          && results
              .identity("azure", assignment.principalId(), assignment.principalType())
              .toPosture()
              .privileged()) {
        privileged.add(registration.path("id").asText().toLowerCase(Locale.ROOT));
      }
    }
    for (JsonNode registration : registrations.values()) {
      String id = registration.path("id").asText();
      String upn = registration.path("userPrincipalName").asText();
      String source = registration.path("_source").asText();
      boolean mfa = registration.path("isMfaRegistered").asBoolean();
      boolean admin = registration.path("isAdmin").asBoolean(false);
      boolean hasRole = privileged.contains(id.toLowerCase(Locale.ROOT));
      String userType = registration.path("userType").asText("member");

      if ((admin || hasRole) && !mfa) {
        results.fail(
            "AZ-MFA-01",
            null,
            id,
            "user",
            upn
                + " ("
                + userType
                + ") is "
                + (admin ? "an Entra administrator" : "assigned a privileged Azure role")
                + " with isMfaRegistered false",
            source);
      } else {
        results.evaluated("AZ-MFA-01", null, source);
      }
      if (!mfa) {
        results.fail(
            "AZ-MFA-02",
            null,
            id,
            "user",
            upn
                + " ("
                + userType
                + ") has isMfaRegistered false, methods: "
                + registration.path("methodsRegistered"),
            source);
      } else {
        results.evaluated("AZ-MFA-02", null, source);
      }
    }
  }

  private JsonNode registration(AzureAssignment assignment) {
    JsonNode byId = registrations.get(assignment.principalId().toLowerCase(Locale.ROOT));
    return byId != null ? byId : byUpn.get(assignment.principalName().toLowerCase(Locale.ROOT));
  }
}
