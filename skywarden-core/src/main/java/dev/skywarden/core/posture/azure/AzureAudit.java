package dev.skywarden.core.posture.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.posture.AuditResults;
import dev.skywarden.core.posture.ExportKind;
import dev.skywarden.core.posture.JsonFieldReader;
import dev.skywarden.core.posture.PostureExport;
import dev.skywarden.core.posture.PostureInputException;
import dev.skywarden.core.posture.PostureInputs;
import dev.skywarden.core.posture.ProviderAudit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Azure and Entra ID checks: role assignments, MFA registration and PIM schedules. Role checks
 * are in {@link AzureRoleChecks}, user checks in {@link AzureUserChecks}.
 */
public final class AzureAudit implements ProviderAudit {

  @Override
  public void run(PostureInputs inputs, AuditResults results) throws PostureInputException {
    List<PostureExport> assignmentExports = inputs.exports(ExportKind.AZURE_ROLE_ASSIGNMENTS);
    List<PostureExport> registrationExports = inputs.exports(ExportKind.ENTRA_REGISTRATION_DETAILS);
    List<PostureExport> eligibility = inputs.exports(ExportKind.AZURE_PIM_ELIGIBILITY);
    List<PostureExport> schedules = inputs.exports(ExportKind.AZURE_PIM_ASSIGNMENTS);
    if (assignmentExports.isEmpty()
        && registrationExports.isEmpty()
        && eligibility.isEmpty()
        && schedules.isEmpty()) {
      return;
    }

    List<AzureAssignment> assignments = new ArrayList<>();
    for (PostureExport export : assignmentExports) {
      JsonFieldReader fields = new JsonFieldReader(export.file());
      int i = 0;
      for (JsonNode element : export.data()) {
        AzureAssignment assignment = AzureAssignment.read(element, fields, "$[" + i++ + "]");
        assignments.add(
            assignment.withBuiltInRoleName(
                results.context().catalog().azureBuiltInRoleName(assignment.roleDefinitionId())));
      }
    }
    Map<String, JsonNode> registrations = new LinkedHashMap<>();
    for (PostureExport export : registrationExports) {
      JsonFieldReader fields = new JsonFieldReader(export.file());
      int i = 0;
      for (JsonNode element : export.data()) {
        String path = "$.value[" + i++ + "]";
        JsonNode node = fields.element(element, path);
        String id = fields.text(node, "id", path).toLowerCase(Locale.ROOT);
        fields.text(node, "userPrincipalName", path);
        if (!node.path("isMfaRegistered").isBoolean()) {
          throw new PostureInputException(
              export.file(), "field '" + path + ".isMfaRegistered': expected true or false");
        }
        ((ObjectNode) node).put("_source", export.file());
        registrations.put(id, node);
      }
    }
    PimSchedules pim = PimSchedules.read(eligibility, schedules);

    AzureUserChecks users = new AzureUserChecks(results, registrations);
    users.register();
    new AzureRoleChecks(results, users, pim).run(assignments, !assignmentExports.isEmpty());
    users.run(assignments);
  }

  /** Returns the element with the fields of its {@code properties} object lifted to the top. */
  static JsonNode flatten(JsonNode element) {
    JsonNode properties = element.get("properties");
    if (properties == null || !properties.isObject()) {
      return element;
    }
    ObjectNode flat = element.deepCopy();
    flat.remove("properties");
    flat.setAll((ObjectNode) properties.deepCopy());
    return flat;
  }

  /**
   * Returns the subscription id of a scope in lower case, {@code /} for the root scope, or {@code
   * managementGroups/<name>} for a management group scope.
   */
  static String subscriptionOf(String scope) {
    String lower = scope.toLowerCase(Locale.ROOT);
    if (lower.equals("/")) {
      return "/";
    }
    String[] parts = lower.split("/", -1);
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i].equals("subscriptions")) {
        return parts[i + 1];
      }
      if (parts[i].equals("managementgroups")) {
        return "managementGroups/" + parts[i + 1];
      }
    }
    return lower;
  }
}
