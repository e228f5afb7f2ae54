package dev.skywarden.core.posture.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.posture.AuditResults;
import dev.skywarden.core.posture.ExportKind;
import dev.skywarden.core.posture.JsonFieldReader;
import dev.skywarden.core.posture.PostureExport;
import dev.skywarden.core.posture.PostureInputException;
import dev.skywarden.core.posture.PostureInputs;
import dev.skywarden.core.posture.ProviderAudit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The GCP checks over IAM policies ({@code gcloud projects get-iam-policy} or Cloud Asset
 * Inventory) and service account keys. A {@code get-iam-policy} export names no project, so its
 * project is the one {@code gcp_projects} maps the file name to, else the file name without
 * extension.
 */
public final class GcpAudit implements ProviderAudit {

  @Override
  public void run(PostureInputs inputs, AuditResults results) throws PostureInputException {
    List<PostureExport> policies = inputs.exports(ExportKind.GCP_IAM_POLICY);
    List<PostureExport> assets = inputs.exports(ExportKind.GCP_ASSET_IAM_POLICIES);
    List<PostureExport> keys = inputs.exports(ExportKind.GCP_SERVICE_ACCOUNT_KEYS);
    if (policies.isEmpty() && assets.isEmpty() && keys.isEmpty()) {
      return;
    }

    List<GcpPolicy> all = new ArrayList<>();
    for (PostureExport export : policies) {
      String fileName = Path.of(export.file()).getFileName().toString();
      String project = inputs.config().gcpProjects().get(fileName);
      if (project == null) {
        int dot = fileName.lastIndexOf('.');
        project = dot > 0 ? fileName.substring(0, dot) : fileName;
      }
      all.add(
          GcpPolicy.read(export.data(), project, true, new JsonFieldReader(export.file()), "$"));
    }
    for (PostureExport export : assets) {
      JsonFieldReader fields = new JsonFieldReader(export.file());
      int i = 0;
      for (JsonNode record : export.data()) {
        String path = "$[" + i++ + "]";
        JsonNode node = fields.element(record, path);
        String resource = fields.optionalText(node, "name", path);
        if (resource == null) {
          resource = fields.text(node, "resource", path);
        }
        String policyField =
            node.has("iamPolicy") ? "iamPolicy" : node.has("iam_policy") ? "iam_policy" : "policy";
        JsonNode policy = fields.object(node, policyField, path);
        boolean resourceManager = resource.startsWith("//cloudresourcemanager.googleapis.com/");
        all.add(
            GcpPolicy.read(
                policy, scopeOf(resource), resourceManager, fields, path + "." + policyField));
      }
    }

    if (all.isEmpty()) {
      for (String id :
          List.of(
              "GCP-PRIM-01",
              "GCP-ADMIN-01",
              "GCP-PRIVESC-01",
              "GCP-RUN-01",
              "GCP-JIT-01",
              "GCP-EXT-01",
              "GCP-PROD-02",
              "GCP-LOG-01")) {
        results.notEvaluated(id, null, "needs gcloud projects get-iam-policy", null);
      }
    }
    new GcpBindingChecks(results).run(all);
    new GcpKeyChecks(results).run(keys);
  }

  /** Returns the project id of a resource name such as {@code //.../projects/my-project}. */
  static String scopeOf(String resource) {
    String[] parts = resource.split("/", -1);
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i].equals("projects")) {
        return parts[i + 1];
      }
    }
    return resource;
  }
}
