package dev.skywarden.core.posture.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.posture.JsonFieldReader;
import dev.skywarden.core.posture.PostureExport;
import dev.skywarden.core.posture.PostureInputException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * PIM eligibility and assignment schedules, keyed by principal and role definition. Graph ({@code
 * roleEligibilitySchedules}, {@code roleAssignmentSchedules}) and Azure Resource Manager shapes
 * (fields under {@code properties}) are both read.
 */
final class PimSchedules {

  /** The assignment type of an active schedule, or {@code null} when none is exported. */
  private final Map<String, String> assignmentTypes = new HashMap<>();

  /** Principal and role pairs with an eligibility schedule. */
  private final Set<String> eligible = new HashSet<>();

  private boolean present;

  static PimSchedules read(List<PostureExport> eligibility, List<PostureExport> schedules)
      throws PostureInputException {
    PimSchedules pim = new PimSchedules();
    for (PostureExport export : eligibility) {
      pim.present = true;
      JsonFieldReader fields = new JsonFieldReader(export.file());
      int i = 0;
      for (JsonNode element : export.data()) {
        String path = "$[" + i++ + "]";
        JsonNode node = AzureAudit.flatten(fields.element(element, path));
        pim.eligible.add(
            key(
                fields.text(node, "principalId", path),
                fields.text(node, "roleDefinitionId", path)));
      }
    }
    for (PostureExport export : schedules) {
      pim.present = true;
      JsonFieldReader fields = new JsonFieldReader(export.file());
      int i = 0;
      for (JsonNode element : export.data()) {
        String path = "$[" + i++ + "]";
        JsonNode node = AzureAudit.flatten(fields.element(element, path));
        String type = fields.text(node, "assignmentType", path);
        String end = fields.optionalText(node, "endDateTime", path);
        if (end == null) {
          end = node.path("scheduleInfo").path("expiration").path("endDateTime").asText(null);
        }
        String key =
            key(
                fields.text(node, "principalId", path),
                fields.text(node, "roleDefinitionId", path));
        boolean permanent = type.equalsIgnoreCase("Assigned") && (end == null || end.isEmpty());
        pim.assignmentTypes.merge(
            key,
            permanent ? "permanent" : type.toLowerCase(Locale.ROOT),
            (first, second) -> first.equals("permanent") ? first : second);
      }
    }
    return pim;
  }

  /** Tells whether any PIM export was given, so just-in-time assignment is in use. */
  boolean present() {
    return present;
  }

  /**
   * Returns how an active assignment is held: {@code permanent}, {@code activated}, {@code
   * assigned} (time-bound), or {@code null} when no schedule matches.
   */
  String assignmentType(String principalId, String roleDefinitionId) {
    return assignmentTypes.get(key(principalId, roleDefinitionId));
  }

  /** Tells whether the principal is eligible for the role. */
  boolean eligible(String principalId, String roleDefinitionId) {
    return eligible.contains(key(principalId, roleDefinitionId));
  }

  private static String key(String principalId, String roleDefinitionId) {
    return principalId.toLowerCase(Locale.ROOT)
        + "|"
        + AzureAssignment.lastSegment(roleDefinitionId).toLowerCase(Locale.ROOT);
  }
}
