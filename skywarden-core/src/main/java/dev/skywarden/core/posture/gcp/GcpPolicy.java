package dev.skywarden.core.posture.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.posture.JsonFieldReader;
import dev.skywarden.core.posture.PostureInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * One IAM policy of a project or resource.
 *
 * @param scope the project id or resource name
 * @param bindings one entry per role and member
 * @param auditConfigs the {@code auditConfigs} array, or a missing node
 * @param resourceManager whether the policy is a project's, folder's or organisation's, the only
 *     policies that can carry {@code auditConfigs}
 * @param source the export file
 */
record GcpPolicy(
    String scope,
    List<GcpBinding> bindings,
    JsonNode auditConfigs,
    boolean resourceManager,
    String source) {

  static GcpPolicy read(
      JsonNode policy, String scope, boolean resourceManager, JsonFieldReader fields, String path)
      throws PostureInputException {
    List<GcpBinding> bindings = new ArrayList<>();
    List<JsonNode> list = fields.array(policy, "bindings", path);
    for (int i = 0; i < list.size(); i++) {
      String bindingPath = path + ".bindings[" + i + "]";
      JsonNode binding = fields.element(list.get(i), bindingPath);
      String role = fields.text(binding, "role", bindingPath);
      JsonNode condition = fields.object(binding, "condition", bindingPath);
      String expression = condition.isMissingNode() ? null : condition.path("expression").asText();
      List<JsonNode> members = fields.array(binding, "members", bindingPath);
      for (int m = 0; m < members.size(); m++) {
        if (!members.get(m).isTextual()) {
          throw new PostureInputException(
              fields.file(),
              "field '"
                  + bindingPath
                  + ".members["
                  + m
                  + "]': expected text, got "
                  + members.get(m).getNodeType());
        }
        bindings.add(
            new GcpBinding(scope, role, members.get(m).asText(), expression, fields.file()));
      }
    }
    return new GcpPolicy(
        scope, bindings, policy.path("auditConfigs"), resourceManager, fields.file());
  }
}
