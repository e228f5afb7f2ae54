package dev.skywarden.core.posture.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.posture.AuditContext;
import dev.skywarden.core.posture.AuditResults;
import dev.skywarden.core.posture.JsonFieldReader;
import dev.skywarden.core.posture.PostureExport;
import dev.skywarden.core.posture.PostureInputException;
import dev.skywarden.core.posture.Timestamps;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * GCP-KEY-01 and GCP-KEY-02 over {@code gcloud iam service-accounts keys list}; disabled keys and
 * Google-managed keys pass.
 */
final class GcpKeyChecks {

  private final AuditResults results;

  GcpKeyChecks(AuditResults results) {
    this.results = results;
  }

  void run(List<PostureExport> exports) throws PostureInputException {
    AuditContext context = results.context();
    for (PostureExport export : exports) {
      JsonFieldReader fields = new JsonFieldReader(export.file());
      int i = 0;
      for (JsonNode element : export.data()) {
        String path = "$[" + i++ + "]";
        JsonNode key = fields.element(element, path);
        String name = fields.text(key, "name", path);
        String keyType = fields.text(key, "keyType", path);
        String scope = GcpAudit.scopeOf(name);
        String account = serviceAccountOf(name);
        boolean active = keyType.equals("USER_MANAGED") && !key.path("disabled").asBoolean(false);
        if (!active) {
          results.evaluated("GCP-KEY-01", scope, export.file());
          results.evaluated("GCP-KEY-02", scope, export.file());
          continue;
        }
        String created = fields.text(key, "validAfterTime", path);
        Instant since;
        try {
          since = Timestamps.parse(created);
        } catch (DateTimeParseException e) {
          throw new PostureInputException(
              export.file(),
              "field '" + path + ".validAfterTime': invalid time '" + created + "'",
              e);
        }
        long days = results.ageDays(since, name);
        results.fail(
            "GCP-KEY-01",
            scope,
            name,
            "serviceAccountKey",
            "user-managed key of "
                + account
                + " created "
                + since
                + (since.isAfter(context.asOf())
                    ? " (after the as-of time " + context.asOf() + ")"
                    : " (" + days + " days)"),
            export.file());
        if (account != null) {
          results.identity("gcp", "serviceAccount:" + account, "serviceAccount").alias(account);
        }
        if (days > context.config().keyRotationDays()) {
          results.fail(
              "GCP-KEY-02",
              scope,
              name,
              "serviceAccountKey",
              "key of "
                  + account
                  + " created "
                  + since
                  + ", "
                  + days
                  + " days before "
                  + context.asOf()
                  + " (limit "
                  + context.config().keyRotationDays()
                  + ")",
              export.file());
        } else {
          results.evaluated("GCP-KEY-02", scope, export.file());
        }
      }
    }
  }

  /** Returns the service account e-mail of a key name, or {@code null}. */
  private static String serviceAccountOf(String name) {
    String[] parts = name.split("/", -1);
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i].equals("serviceAccounts")) {
        return parts[i + 1];
      }
    }
    return null;
  }
}
