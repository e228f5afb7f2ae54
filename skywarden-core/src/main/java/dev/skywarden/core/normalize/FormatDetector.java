package dev.skywarden.core.normalize;

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
 * {@code eventName}. Field names are matched ignoring case; the top-level ones in one pass over the
 * record's keys ({@link MarkerFields}). Stateless and thread-safe.
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
    return detect(MarkerFields.of(record));
  }

  /** Returns the format of the record whose top-level keys {@code top} scanned. */
  static RecordFormat detect(MarkerFields top) {
    if (top.onlyCloudTrailMarkers()) {
      // Every check before the CloudTrail ones needs another marker, so this skips them with the
      // same result.
      return cloudTrailOrInsight(top);
    }
    if (isGcpAudit(top)) {
      return RecordFormat.GCP_AUDIT;
    }

    String category = lower(top.text("category"));
    String table = lower(top.text("Type"));
    if (isKubernetesAudit(top, category)) {
      return RecordFormat.KUBERNETES_AUDIT;
    }

    if (SIGN_IN_CATEGORIES.contains(category) || SIGN_IN_CATEGORIES.contains(table)) {
      return RecordFormat.ENTRA_SIGNIN;
    }
    if ("auditlogs".equals(category) || "auditlogs".equals(table)) {
      return RecordFormat.ENTRA_AUDIT;
    }
    if (isGraphSignIn(top)) {
      return RecordFormat.ENTRA_SIGNIN;
    }
    if (top.has("activityDisplayName")
        && (top.has("loggedByService") || top.has("initiatedBy") || top.has("targetResources"))) {
      return RecordFormat.ENTRA_AUDIT;
    }

    if (isAzureActivity(top, table)) {
      return RecordFormat.AZURE_ACTIVITY;
    }
    return cloudTrailOrInsight(top);
  }

  private static RecordFormat cloudTrailOrInsight(MarkerFields top) {
    // Insights events have no top-level eventName: the API name is in insightDetails.
    if ("Insight".equalsIgnoreCase(top.text("eventCategory")) || top.has("insightDetails")) {
      return RecordFormat.CLOUDTRAIL_INSIGHT;
    }
    if (isCloudTrail(top)) {
      return RecordFormat.CLOUDTRAIL;
    }
    return RecordFormat.UNKNOWN;
  }

  private static boolean isGcpAudit(MarkerFields top) {
    JsonNode payload = top.get("protoPayload");
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
    JsonNode legacy = top.get("jsonPayload");
    return legacy != null && has(legacy, "event_subtype") && has(legacy, "actor");
  }

  private static boolean isKubernetesAudit(MarkerFields top, String category) {
    if (KUBERNETES_CATEGORIES.contains(category)) {
      return true;
    }
    String apiVersion = top.text("apiVersion");
    if (apiVersion != null && apiVersion.startsWith("audit.k8s.io/")) {
      return true;
    }
    return "Event".equals(top.text("kind"))
        && (top.has("verb") || top.has("objectRef") || top.has("auditID"));
  }

  private static boolean isGraphSignIn(MarkerFields top) {
    return top.has("createdDateTime")
        && top.has("userPrincipalName")
        && (top.has("appId") || top.has("ipAddress"));
  }

  private static boolean isAzureActivity(MarkerFields top, String table) {
    if ("azureactivity".equals(table) || top.has("OperationNameValue")) {
      return true;
    }
    if (top.has("operationName")) {
      return true;
    }
    // A Datadog-processed Activity Log record keeps the operation in evt.name.
    String resourceId = lower(top.text("resourceId"));
    return resourceId.startsWith("/subscriptions/")
        && top.isPresent("evt")
        && JsonFields.text(top.record(), "evt", "name") != null;
  }

  private static boolean isCloudTrail(MarkerFields top) {
    return top.has("eventSource") || top.has("eventName");
  }

  private static String lower(String value) {
    return value == null ? "" : value.toLowerCase(Locale.ROOT);
  }
}
