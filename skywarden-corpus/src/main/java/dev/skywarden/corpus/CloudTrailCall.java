package dev.skywarden.corpus;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * A builder of one CloudTrail record (event version 1.11), as the service delivers it to S3.
 *
 * <p>Not thread-safe; build one record per instance.
 */
final class CloudTrailCall {

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ISO_INSTANT;

  final Instant time;
  final AwsIdentity identity;
  final String eventSource;
  final String eventName;
  final String region;
  final String eventId;
  String sourceIp;
  String userAgent;
  boolean readOnly;
  Map<String, Object> request;
  Map<String, Object> response;
  Map<String, Object> additional;
  String errorCode;
  String errorMessage;
  String eventType = "AwsApiCall";
  String recipientAccount;
  String requestId;
  String sharedEventId;

  CloudTrailCall(
      Instant time,
      AwsIdentity identity,
      String eventSource,
      String eventName,
      String region,
      Rng rng) {
    this.time = time.truncatedTo(ChronoUnit.SECONDS);
    this.identity = identity;
    this.eventSource = eventSource;
    this.eventName = eventName;
    this.region = region;
    this.eventId = rng.uuid();
    this.requestId = rng.uuid();
    this.recipientAccount = identity.accountId();
  }

  CloudTrailCall from(String address, String agent) {
    this.sourceIp = address;
    this.userAgent = agent;
    return this;
  }

  CloudTrailCall readOnly(boolean value) {
    this.readOnly = value;
    return this;
  }

  CloudTrailCall request(Map<String, Object> value) {
    this.request = value;
    return this;
  }

  CloudTrailCall response(Map<String, Object> value) {
    this.response = value;
    return this;
  }

  CloudTrailCall error(String code, String message) {
    this.errorCode = code;
    this.errorMessage = message;
    this.response = null;
    return this;
  }

  /** Returns the record as a map in CloudTrail's field order. */
  Map<String, Object> toJson() {
    Map<String, Object> record =
        Json.obj(
            "eventVersion", "1.11",
            "userIdentity", identity.toJson(),
            "eventTime", SECONDS.format(time),
            "eventSource", eventSource,
            "eventName", eventName,
            "awsRegion", region,
            "sourceIPAddress", sourceIp,
            "userAgent", userAgent);
    if (errorCode != null) {
      record.put("errorCode", errorCode);
      record.put("errorMessage", errorMessage);
    }
    record.put("requestParameters", request);
    record.put("responseElements", response);
    if (additional != null) {
      record.put("additionalEventData", additional);
    }
    if (requestId != null) {
      record.put("requestID", requestId);
    }
    record.put("eventID", eventId);
    record.put("readOnly", readOnly);
    record.put("eventType", eventType);
    record.put("managementEvent", true);
    record.put("recipientAccountId", recipientAccount);
    if (sharedEventId != null) {
      record.put("sharedEventID", sharedEventId);
    }
    record.put("eventCategory", "Management");
    if (!sourceIp.endsWith(".amazonaws.com")) {
      record.put(
          "tlsDetails",
          Json.obj(
              "tlsVersion", "TLSv1.3",
              "cipherSuite", "TLS_AES_128_GCM_SHA256",
              "clientProvidedHostHeader", host()));
    }
    if (identity.console()) {
      // A record field, not one of userIdentity, and only present when true.
      record.put("sessionCredentialFromConsole", "true");
    }
    return record;
  }

  private String host() {
    String service = eventSource.substring(0, eventSource.indexOf('.'));
    if (service.equals("iam") || service.equals("signin")) {
      return service + ".amazonaws.com";
    }
    return service + "." + region + ".amazonaws.com";
  }

  /** Returns the record serialised for the stream of its account and region. */
  Emitted emit() {
    return new Emitted(
        time, eventId, Streams.cloudTrail(recipientAccount, region), Json.bytes(toJson()));
  }
}
