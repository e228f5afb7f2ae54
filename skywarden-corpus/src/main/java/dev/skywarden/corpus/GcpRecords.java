package dev.skywarden.corpus;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Builds Cloud Audit Logs entries ({@code LogEntry} with an {@code AuditLog} payload). */
final class GcpRecords {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

  private GcpRecords() {}

  /**
   * A call as the builder collects it before {@link #emit()}.
   *
   * <p>Not thread-safe.
   */
  static final class Call {
    final Instant time;
    final Organisation.GcpProject project;
    final String principal;
    final String service;
    final String method;
    final String resourceName;
    final String permission;
    final String insertId;
    String address;
    String userAgent;
    boolean write;
    Integer errorCode;
    Map<String, Object> request;
    Map<String, Object> metadata;
    String serviceAccountKey;

    Call(
        Instant time,
        Organisation.GcpProject project,
        String principal,
        String service,
        String method,
        String resourceName,
        String permission,
        Rng rng) {
      this.time = time;
      this.project = project;
      this.principal = principal;
      this.service = service;
      this.method = method;
      this.resourceName = resourceName;
      this.permission = permission;
      this.insertId = rng.hex(12);
    }

    Call from(String callerAddress, String agent) {
      this.address = callerAddress;
      this.userAgent = agent;
      return this;
    }

    Call write(boolean value) {
      this.write = value;
      return this;
    }

    /** Returns the entry, in the activity log for writes and the data access log for reads. */
    Emitted emit() {
      boolean denied = errorCode != null;
      Map<String, Object> authentication = Json.obj("principalEmail", principal);
      if (serviceAccountKey != null) {
        authentication.put("serviceAccountKeyName", serviceAccountKey);
      }
      Map<String, Object> payload =
          Json.obj(
              "@type",
              "type.googleapis.com/google.cloud.audit.AuditLog",
              "status",
              denied ? Json.obj("code", errorCode, "message", "PERMISSION_DENIED") : Json.obj(),
              "authenticationInfo",
              authentication,
              "requestMetadata",
              Json.obj(
                  "callerIp",
                  address,
                  "callerSuppliedUserAgent",
                  userAgent,
                  "requestAttributes",
                  Json.obj("time", TIME.format(time), "auth", Json.obj()),
                  "destinationAttributes",
                  Json.obj()),
              "serviceName",
              service,
              "methodName",
              method,
              "authorizationInfo",
              List.of(
                  Json.obj(
                      "resource", resourceName,
                      "permission", permission,
                      "granted", !denied,
                      "resourceAttributes", Json.obj("service", service, "name", resourceName))),
              "resourceName",
              resourceName);
      if (request != null) {
        payload.put("request", request);
      }
      if (metadata != null) {
        payload.put("metadata", metadata);
      }
      String log = write ? "activity" : "data_access";
      Map<String, Object> labels = Json.obj("project_id", project.id());
      if (service.equals("compute.googleapis.com")) {
        labels.put("zone", project.zone());
      }
      Map<String, Object> entry =
          Json.obj(
              "protoPayload",
              payload,
              "insertId",
              insertId,
              "resource",
              Json.obj(
                  "type",
                  service.equals("compute.googleapis.com") ? "gce_instance" : "project",
                  "labels",
                  labels),
              "timestamp",
              TIME.format(time),
              "severity",
              denied ? "ERROR" : write ? "NOTICE" : "INFO",
              "logName",
              "projects/" + project.id() + "/logs/cloudaudit.googleapis.com%2F" + log,
              "receiveTimestamp",
              TIME.format(time.plusMillis(412)));
      return new Emitted(
          time,
          insertId,
          write ? Streams.GCP_ACTIVITY : Streams.GCP_DATA_ACCESS,
          Json.bytes(entry));
    }
  }
}
