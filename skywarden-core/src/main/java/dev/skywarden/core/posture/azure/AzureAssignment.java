package dev.skywarden.core.posture.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.posture.JsonFieldReader;
import dev.skywarden.core.posture.PostureInputException;
import java.util.Locale;

/**
 * One Azure RBAC role assignment of {@code az role assignment list --all}.
 *
 * @param principalId the Entra object id
 * @param principalName the UPN, application id or display name; may be empty
 * @param principalType {@code User}, {@code Group}, {@code ServicePrincipal}, {@code ForeignGroup}
 * @param roleName the role definition name, such as {@code Owner}
 * @param roleDefinitionId the last segment of the role definition id (a GUID), lower case
 * @param scope the scope, such as {@code /subscriptions/<id>/resourceGroups/<name>}
 * @param source the export file
 */
record AzureAssignment(
    String principalId,
    String principalName,
    String principalType,
    String roleName,
    String roleDefinitionId,
    String scope,
    String source) {

  static AzureAssignment read(JsonNode element, JsonFieldReader fields, String path)
      throws PostureInputException {
    JsonNode node = AzureAudit.flatten(fields.element(element, path));
    String roleDefinitionId = fields.optionalText(node, "roleDefinitionId", path);
    String roleName = fields.optionalText(node, "roleDefinitionName", path);
    if (roleName == null && roleDefinitionId == null) {
      throw new PostureInputException(
          fields.file(), "field '" + path + ".roleDefinitionName' is missing");
    }
    String principalName = fields.optionalText(node, "principalName", path);
    return new AzureAssignment(
        fields.text(node, "principalId", path),
        principalName == null ? "" : principalName,
        fields.optionalText(node, "principalType", path) == null
            ? "Unknown"
            : fields.optionalText(node, "principalType", path),
        roleName == null ? lastSegment(roleDefinitionId) : roleName,
        roleDefinitionId == null ? "" : lastSegment(roleDefinitionId).toLowerCase(Locale.ROOT),
        fields.text(node, "scope", path),
        fields.file());
  }

  /**
   * Returns this assignment with the role named after its built-in role definition, so that an
   * export that gives only {@code roleDefinitionId} is matched by role name like any other.
   *
   * @param builtInName the built-in role's name, or empty when the id is no known built-in role
   */
  AzureAssignment withBuiltInRoleName(java.util.Optional<String> builtInName) {
    return builtInName
        .map(
            name ->
                new AzureAssignment(
                    principalId,
                    principalName,
                    principalType,
                    name,
                    roleDefinitionId,
                    scope,
                    source))
        .orElse(this);
  }

  /** Returns the subscription id of the scope, {@code /} for the root, or the management group. */
  String subscription() {
    return AzureAudit.subscriptionOf(scope);
  }

  /** Returns the principal as results name it: the name when known, else the object id. */
  String who() {
    return principalName.isEmpty()
        ? principalType + " " + principalId
        : principalName + " (" + principalType + " " + principalId + ")";
  }

  static String lastSegment(String id) {
    int slash = id.lastIndexOf('/');
    return slash >= 0 ? id.substring(slash + 1) : id;
  }
}
