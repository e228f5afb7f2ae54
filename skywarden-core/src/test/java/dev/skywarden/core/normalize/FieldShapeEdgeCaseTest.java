package dev.skywarden.core.normalize;

import static dev.skywarden.core.normalize.Normalize.event;
import static dev.skywarden.core.normalize.Normalize.json;
import static dev.skywarden.core.normalize.Normalize.skipped;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.LogKind;
import dev.skywarden.core.input.RawRecord;
import dev.skywarden.core.stats.SkipReason;
import dev.skywarden.core.stats.SkippedRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Records whose field shapes change between producers, exports and events. */
class FieldShapeEdgeCaseTest {

  private static String trail(String extraFields) {
    return """
        {"eventVersion": "1.08", "eventTime": "2024-05-01T12:00:00Z", "eventID": "e-1",
         "eventSource": "ec2.amazonaws.com", "eventName": "RunInstances",
         "awsRegion": "eu-west-1", "recipientAccountId": "111122223333",
         "userIdentity": {"type": "IAMUser", "accountId": "111122223333",
           "arn": "arn:aws:iam::111122223333:user/alice", "accessKeyId": "AKIAEXAMPLE"},
         "sourceIPAddress": "198.51.100.4", "userAgent": "aws-cli/2.15.0"
        """
        + extraFields
        + "}";
  }

  @ParameterizedTest(name = "requestParameters {0}")
  @ValueSource(strings = {"null", "{\"instanceType\": \"t3.micro\"}", "\"plain text\""})
  void requestParameters_anyShapeNormalises(String value) {
    CloudEvent event =
        event(trail(", \"requestParameters\": " + value + ", \"responseElements\": " + value));

    assertThat(event.api().operation()).isEqualTo("RunInstances");
    assertThat(event.raw().get("requestParameters")).isEqualTo(json(value));
  }

  @Test
  void booleanAsValueObject_isRead() {
    CloudEvent event =
        event(
            """
            {"eventTime": "2024-05-01T12:00:00Z", "eventSource": "s3.amazonaws.com",
             "eventName": "PutObject", "readOnly": {"value": false},
             "userIdentity": {"type": "AssumedRole", "accessKeyId": "ASIAEXAMPLE",
               "sessionContext": {"attributes": {"mfaAuthenticated": {"value": true}}}}}
            """);

    assertThat(event.api().readOnly()).isFalse();
    assertThat(event.credential().mfaUsed()).isTrue();
  }

  @Test
  void resourcesAsStrings_areRead() {
    CloudEvent event =
        event(trail(", \"resources\": [\"arn:aws:s3:::a\", {\"ARN\": \"arn:aws:s3:::b\"}]"));

    assertThat(event.resources()).containsExactly("arn:aws:s3:::a", "arn:aws:s3:::b");
  }

  @Test
  void hiddenSecrets_keepRawMarkers() {
    CloudEvent event =
        event(
            trail(
                """
                , "requestParameters": {"userData": "<sensitiveDataRemoved>",
                   "blockDeviceMapping": "HIDDEN_DUE_TO_SECURITY_REASONS"},
                  "responseElements": "HIDDEN_DUE_TO_SECURITY_REASONS"
                """));

    assertThat(event.raw().at("/requestParameters/userData").asText())
        .isEqualTo("<sensitiveDataRemoved>");
    assertThat(event.raw().get("responseElements").asText())
        .isEqualTo("HIDDEN_DUE_TO_SECURITY_REASONS");
    assertThat(event.outcome().success()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "AWS Internal, false, AWS Internal",
    "ssm.amazonaws.com, false, ssm.amazonaws.com",
    "203.0.113.07, true, 203.0.113.7"
  })
  void sourceIpAddress_nonIpValues(String value, boolean isIp, String text) {
    CloudEvent event = event(trail(", \"sourceIPAddress\": \"" + value + "\""));

    assertThat(event.source().isIp()).isEqualTo(isIp);
    assertThat(event.source().text()).isEqualTo(text);
  }

  @Test
  void insightEvent_isSkipped() {
    SkippedRecord skip =
        skipped(
            """
            {"eventVersion": "1.07", "eventTime": "2024-05-01T12:00:00Z",
             "eventType": "AwsCloudTrailInsight", "eventCategory": "Insight",
             "recipientAccountId": "111122223333",
             "insightDetails": {"eventName": "DeleteBucket", "eventSource": "s3.amazonaws.com"}}
            """);

    assertThat(skip.reason()).isEqualTo(SkipReason.INSIGHT_EVENT);
    assertThat(skip.detail()).contains("DeleteBucket");
  }

  @Test
  void missingAccountAgentAndSource_useFallbacks() {
    CloudEvent event =
        event(
            """
            {"eventTime": "2024-05-01T12:00:00Z", "eventSource": "sts.amazonaws.com",
             "eventName": "AssumeRole",
             "userIdentity": {"type": "AWSService", "invokedBy": "ec2.amazonaws.com",
               "accountId": "444455556666"}}
            """);

    assertThat(event.account()).isEqualTo("444455556666");
    assertThat(event.userAgent()).isNull();
    assertThat(event.source().text()).isEmpty();
    assertThat(event.actor().type()).isEqualTo(ActorType.CLOUD_SERVICE);
    assertThat(event.actor().name()).isEqualTo("ec2.amazonaws.com");
    assertThat(event.eventId()).isEqualTo("test.json#7");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Root, ROOT",
    "IAMUser, USER",
    "AssumedRole, ROLE_SESSION",
    "FederatedUser, FEDERATED_USER",
    "SAMLUser, FEDERATED_USER",
    "WebIdentityUser, FEDERATED_USER",
    "IdentityCenterUser, FEDERATED_USER",
    "AWSService, CLOUD_SERVICE",
    "AWSAccount, OTHER_ACCOUNT",
    "Unknown, UNKNOWN",
    "SomethingNew, UNKNOWN"
  })
  void userIdentityType_mapsToActorType(String type, ActorType expected) {
    CloudEvent event =
        event(
            "{\"eventTime\": \"2024-05-01T12:00:00Z\", \"eventSource\": \"iam.amazonaws.com\","
                + " \"eventName\": \"ListUsers\", \"userIdentity\": {\"type\": \""
                + type
                + "\"}}");

    assertThat(event.actor().type()).isEqualTo(expected);
  }

  @Test
  void azureEncodedStrings_areDecodedInRaw() {
    String record =
        """
        {"time": "2024-05-01T12:00:00.1234567Z",
         "resourceId": "/subscriptions/0000-sub/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
         "operationName": "MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE", "category": "Administrative",
         "resultType": "Success", "callerIpAddress": "198.51.100.9",
         "identity": "{\\"claims\\": {\\"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn\\": \\"bob@example.com\\", \\"idtyp\\": \\"user\\"}}",
         "properties": "{\\"statusCode\\": \\"Created\\"}",
         "Authorization": "{\\"action\\": \\"Microsoft.Compute/virtualMachines/write\\"}"}
        """;
    JsonNode input = json(record);
    JsonNode before = input.deepCopy();

    CloudEvent event =
        Normalize.NORMALIZER.normalize(new RawRecord(input, Normalize.LOCATION))
                instanceof NormalizeResult.Normalized n
            ? n.event()
            : null;

    assertThat(event).isNotNull();
    assertThat(event.actor().name()).isEqualTo("bob@example.com");
    assertThat(event.actor().type()).isEqualTo(ActorType.USER);
    assertThat(event.raw().at("/properties/statusCode").asText()).isEqualTo("Created");
    assertThat(event.raw().at("/Authorization/action").asText())
        .isEqualTo("Microsoft.Compute/virtualMachines/write");
    assertThat(event.raw().at("/identity/claims/idtyp").asText()).isEqualTo("user");
    assertThat(input).as("input node is not mutated").isEqualTo(before);
  }

  @Test
  void azureIdentityAsPlainString_isCaller() {
    CloudEvent event =
        event(
            """
            {"time": "2024-05-01T12:00:00Z", "operationName": "Microsoft.Storage/storageAccounts/listKeys/action",
             "resourceId": "/subscriptions/0000-sub/resourceGroups/rg", "identity": "carol@example.com"}
            """);

    assertThat(event.actor().name()).isEqualTo("carol@example.com");
    assertThat(event.actor().type()).isEqualTo(ActorType.USER);
  }

  @Test
  void azureRecordNeedingNoRepair_isNotCopied() {
    JsonNode input =
        json(
            """
            {"time": "2024-05-01T12:00:00Z", "operationName": "Microsoft.Storage/storageAccounts/read",
             "resourceId": "/subscriptions/0000-sub", "identity": {"claims": {"appid": "x"}}}
            """);

    NormalizeResult result =
        Normalize.NORMALIZER.normalize(new RawRecord(input, Normalize.LOCATION));

    assertThat(((NormalizeResult.Normalized) result).event().raw()).isSameAs(input);
  }

  @ParameterizedTest(name = "Level {0}, operation {1}")
  @CsvSource({
    "4, MICROSOFT.COMPUTE/VIRTUALMACHINES/DELETE, false",
    "\"Informational\", Microsoft.Compute/virtualMachines/delete, false",
    "\"Warning\", microsoft.compute/virtualmachines/read, true"
  })
  void azureLevelAndOperationCase_vary(String level, String operation, boolean readOnly) {
    CloudEvent event =
        event(
            "{\"time\": \"2024-05-01T12:00:00Z\", \"Level\": "
                + level
                + ", \"resultType\": \"0\", \"durationMs\": \"1523\", \"operationName\": \""
                + operation
                + "\", \"resourceId\": \"/subscriptions/0000-sub/resourceGroups/rg\"}");

    assertThat(event.api().readOnly()).isEqualTo(readOnly);
    assertThat(event.api().service()).isEqualToIgnoringCase("Microsoft.Compute");
    assertThat(event.account()).isEqualTo("0000-sub");
    assertThat(event.outcome().success()).isTrue();
  }

  @Test
  void entraNestedStrings_areDecoded() {
    CloudEvent event =
        event(
            """
            {"time": "2024-05-01T12:00:00Z", "category": "SignInLogs", "tenantId": "tenant-1",
             "operationName": "Sign-in activity",
             "properties": {"userPrincipalName": "dave@example.com", "appId": "app-1",
               "ipAddress": "192.0.2.44",
               "status": "{\\"errorCode\\": 50126, \\"failureReason\\": \\"Invalid password\\"}",
               "authenticationProcessingDetails": [{"key": "Legacy TLS", "value": "False"}],
               "deviceDetail": "{\\"operatingSystem\\": \\"Linux\\"}"}}
            """);

    assertThat(event.outcome().success()).isFalse();
    assertThat(event.outcome().errorCode()).isEqualTo("50126");
    assertThat(event.outcome().errorMessage()).isEqualTo("Invalid password");
    assertThat(event.raw().at("/properties/deviceDetail/operatingSystem").asText())
        .isEqualTo("Linux");
    assertThat(event.raw().at("/properties/authenticationProcessingDetails/0/key").asText())
        .isEqualTo("Legacy TLS");
  }

  @Test
  void entraAuditUserAgent_fromKeyValueList() {
    CloudEvent event =
        event(
            """
            {"time": "2024-05-01T12:00:00Z", "category": "AuditLogs", "tenantId": "tenant-1",
             "properties": {"activityDisplayName": "Add service principal credentials",
               "loggedByService": "Core Directory", "operationType": "Update", "result": "success",
               "additionalDetails": [{"key": "User-Agent", "value": "python-requests/2.31 roadtools"}],
               "initiatedBy": {"user": {"id": "u-1", "userPrincipalName": "eve@example.com",
                 "ipAddress": "192.0.2.50"}}}}
            """);

    assertThat(event.userAgent()).isEqualTo("python-requests/2.31 roadtools");
    assertThat(event.client().product()).isEqualTo("ROADtools");
  }

  @Test
  void gcpEmptyStatus_isSuccess() {
    CloudEvent event =
        event(
            """
            {"timestamp": "2024-05-01T12:00:00.123456Z", "severity": "ERROR",
             "logName": "projects/proj-1/logs/cloudaudit.googleapis.com%2Factivity",
             "protoPayload": {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
               "status": {}, "authenticationInfo": {},
               "serviceName": "compute.googleapis.com", "methodName": "v1.compute.instances.insert"}}
            """);

    assertThat(event.outcome().success()).isTrue();
    assertThat(event.actor().type()).isEqualTo(ActorType.UNKNOWN);
    assertThat(event.account()).isEqualTo("proj-1");
    assertThat(event.api().readOnly()).isFalse();
  }

  @Test
  void gcpLegacyJsonPayload_isRead() {
    CloudEvent event =
        event(
            """
            {"timestamp": "2016-03-01T10:00:00Z", "insertId": "legacy-1",
             "logName": "projects/proj-2/logs/compute.googleapis.com%2Factivity_log",
             "resource": {"type": "gce_instance", "labels": {"zone": "us-central1-a"}},
             "jsonPayload": {"event_type": "GCE_API_CALL", "event_subtype": "compute.instances.delete",
               "actor": {"user": "frank@example.com"}, "ip_address": "192.0.2.60",
               "user_agent": "google-cloud-sdk gcloud/100.0.0",
               "resource": {"name": "vm-1", "type": "instance"}}}
            """);

    assertThat(event.kind()).isEqualTo(LogKind.GCP_AUDIT);
    assertThat(event.api().operation()).isEqualTo("compute.instances.delete");
    assertThat(event.actor().name()).isEqualTo("frank@example.com");
    assertThat(event.account()).isEqualTo("proj-2");
    assertThat(event.region()).isEqualTo("us-central1-a");
  }

  @Test
  void gcpSetMetadata_keepsChangedKeys() {
    CloudEvent event =
        event(
            """
            {"timestamp": "2024-05-01T12:00:00Z", "insertId": "md-1",
             "resource": {"type": "gce_instance", "labels": {"project_id": "proj-3", "zone": "europe-west1-b"}},
             "protoPayload": {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
               "serviceName": "compute.googleapis.com", "methodName": "v1.compute.instances.setMetadata",
               "resourceName": "projects/proj-3/zones/europe-west1-b/instances/vm-1",
               "metadata": {"instanceMetadataDelta": {"addedMetadataKeys": ["ssh-keys", "startup-script"]}}}}
            """);

    assertThat(event.api().readOnly()).isFalse();
    assertThat(
            event
                .raw()
                .at("/protoPayload/metadata/instanceMetadataDelta/addedMetadataKeys/1")
                .asText())
        .isEqualTo("startup-script");
    assertThat(event.resources())
        .containsExactly("projects/proj-3/zones/europe-west1-b/instances/vm-1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"time\": \"2024-05-01T12:00:00Z\"}",
        "{\"eventTimestamp\": \"2024-05-01T12:00:00.0000000Z\"}",
        "{\"TimeGenerated\": \"2024-05-01T13:00:00+01:00\"}"
      })
  void azureTimeFieldNames_areAllRead(String timeField) {
    String record =
        timeField.substring(0, timeField.length() - 1)
            + ", \"operationName\": \"Microsoft.Compute/disks/write\"}";

    assertThat(event(record).time()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
  }

  @Test
  void gcpReceiveTimestamp_isFallback() {
    CloudEvent event =
        event(
            """
            {"receiveTimestamp": "2024-05-01T12:00:00.5Z",
             "protoPayload": {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
               "methodName": "storage.buckets.list"}}
            """);

    assertThat(event.time()).isEqualTo(Instant.parse("2024-05-01T12:00:00.5Z"));
  }

  @Test
  void invalidTime_isSkippedWithValue() {
    SkippedRecord skip =
        skipped(
            trail(", \"eventTime\": \"redacted\"")
                .replace("\"eventTime\": \"2024-05-01T12:00:00Z\", ", ""));

    assertThat(skip.reason()).isEqualTo(SkipReason.INVALID_TIME);
    assertThat(skip.detail()).contains("redacted");
  }

  @Test
  void unknownObject_namesItsKeys() {
    SkippedRecord skip =
        skipped("{\"Workload\": \"Exchange\", \"RecordType\": 1, \"Operation\": \"x\"}");

    assertThat(skip.reason()).isEqualTo(SkipReason.UNKNOWN_FORMAT);
    assertThat(skip.detail()).contains("Workload", "RecordType", "Operation");
  }

  @Test
  void nonObject_isSkipped() {
    SkippedRecord skip = skipped("[1, 2]");

    assertThat(skip.reason()).isEqualTo(SkipReason.NOT_AN_OBJECT);
    assertThat(skip.detail()).contains("array");
  }
}
