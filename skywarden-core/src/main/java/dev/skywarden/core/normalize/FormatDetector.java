package dev.skywarden.core.normalize;

import static dev.skywarden.core.normalize.JsonFields.get;
import static dev.skywarden.core.normalize.JsonFields.has;
import static dev.skywarden.core.normalize.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;

/**
 * Decides the log format of one record from its fields, so that a file may mix formats.
 *
 * <p>The checks run from the most specific marker to the least: GCP {@code protoPayload}, Entra
 * categories and table names, Azure {@code operationName}, then CloudTrail {@code eventSource} or
 * {@code eventName}. Field names are matched ignoring case. Stateless and thread-safe.
 */
final class FormatDetector {

  static final String AUDIT_LOG_TYPE = "type.googleapis.com/google.cloud.audit.AuditLog";

  private static final Set<String> SIGN_IN_CATEGORIES =
      Set.of(
          "signinlogs",
          "noninteractiveusersigninlogs",
          "serviceprincipalsigninlogs",
          "managedidentitysigninlogs",
          // Log Analytics table names, found in the Type column of exports.
          "aadnoninteractiveusersigninlogs",
          "aadserviceprincipalsigninlogs",
          "aadmanagedidentitysigninlogs");

  private static final Set<String> KUBERNETES_CATEGORIES =
      Set.of("kube-audit", "kube-audit-admin", "kube-apiserver", "guard");

  private FormatDetector() {}

  /** Returns the format of a JSON object, or {@link RecordFormat#UNKNOWN}. */
  static RecordFormat detect(JsonNode record) {
    if (isGcpAudit(record)) {
      return RecordFormat.GCP_AUDIT;
    }

    String category = lower(text(record, "category"));
    String table = lower(text(record, "Type"));
    if (isKubernetesAudit(record, category)) {
      return RecordFormat.KUBERNETES_AUDIT;
    }

    if (SIGN_IN_CATEGORIES.contains(category) || SIGN_IN_CATEGORIES.contains(table)) {
      return RecordFormat.ENTRA_SIGNIN;
    }
    if ("auditlogs".equals(category) || "auditlogs".equals(table)) {
      return RecordFormat.ENTRA_AUDIT;
    }
    if (isGraphSignIn(record)) {
      return RecordFormat.ENTRA_SIGNIN;
    }
    if (has(record, "activityDisplayName")
        && (has(record, "loggedByService")
            || has(record, "initiatedBy")
            || has(record, "targetResources"))) {
      return RecordFormat.ENTRA_AUDIT;
    }

    if (isAzureActivity(record, table)) {
      return RecordFormat.AZURE_ACTIVITY;
    }
    // Insights events have no top-level eventName: the API name is in insightDetails.
    if ("Insight".equalsIgnoreCase(text(record, "eventCategory"))
        || has(record, "insightDetails")) {
      return RecordFormat.CLOUDTRAIL_INSIGHT;
    }
    if (isCloudTrail(record)) {
      return RecordFormat.CLOUDTRAIL;
    }
    return RecordFormat.UNKNOWN;
  }

  private static boolean isGcpAudit(JsonNode record) {
    JsonNode payload = get(record, "protoPayload");
    if (payload != null && payload.isObject()) {
      String type = text(payload, "@type");
      if (type == null) {
        // Panther renames "@type" to "at_sign_type".
        type = text(payload, "at_sign_type");
      }
      if (type != null) {
        return AUDIT_LOG_TYPE.equals(type);
      }
      return has(payload, "methodName") || has(payload, "serviceName");
    }
    JsonNode legacy = get(record, "jsonPayload");
    return legacy != null && has(legacy, "event_subtype") && has(legacy, "actor");
  }

  private static boolean isKubernetesAudit(JsonNode record, String category) {
    if (KUBERNETES_CATEGORIES.contains(category)) {
      return true;
    }
    String apiVersion = text(record, "apiVersion");
    if (apiVersion != null && apiVersion.startsWith("audit.k8s.io/")) {
      return true;
    }
    return "Event".equals(text(record, "kind"))
        && (has(record, "verb") || has(record, "objectRef") || has(record, "auditID"));
  }

  private static boolean isGraphSignIn(JsonNode record) {
    return has(record, "createdDateTime")
        && has(record, "userPrincipalName")
        && (has(record, "appId") || has(record, "ipAddress"));
  }

  private static boolean isAzureActivity(JsonNode record, String table) {
    if ("azureactivity".equals(table) || has(record, "OperationNameValue")) {
      return true;
    }
    if (has(record, "operationName")) {
      return true;
    }
    // A Datadog-processed Activity Log record keeps the operation in evt.name.
    String resourceId = lower(text(record, "resourceId"));
    return resourceId.startsWith("/subscriptions/")
        && JsonFields.text(record, "evt", "name") != null;
  }

  private static boolean isCloudTrail(JsonNode record) {
    return has(record, "eventSource") || has(record, "eventName");
  }

  private static String lower(String value) {
    return value == null ? "" : value.toLowerCase(Locale.ROOT);
  }
}
