package dev.skywarden.core.input;

import static dev.skywarden.core.input.ReaderFixtures.concat;
import static dev.skywarden.core.input.ReaderFixtures.event;
import static dev.skywarden.core.input.ReaderFixtures.gzip;
import static dev.skywarden.core.input.ReaderFixtures.read;
import static dev.skywarden.core.input.ReaderFixtures.utf8;
import static dev.skywarden.core.input.ReaderFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skywarden.core.stats.SkipReason;
import dev.skywarden.core.stats.SkippedRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Containers and delivery envelopes of CloudTrail, Azure and GCP logs. */
class LogReaderEnvelopeTest {

  private final LogReader reader = new LogReader();

  @TempDir Path dir;

  @Test
  void cloudTrailS3File_gzipRecords() throws Exception {
    String json = "{\"Records\":[" + event("1") + "," + event("2") + "," + event("3") + "]}";
    Path file = write(dir, "trail.json.gz", gzip(utf8(json)));
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "2", "3");
    assertThat(sink.skipped).isEmpty();
    assertThat(summary.records()).isEqualTo(3);
    assertThat(summary.accepted()).isEqualTo(3);
    assertThat(summary.uncompressedBytes()).isEqualTo(json.length());
    assertThat(sink.accepted.get(0).location().input()).isEqualTo(file.toString());
    assertThat(sink.indices).containsExactly(1L, 2L, 3L);
  }

  @Test
  void cloudTrailS3File_prettyPrintedLines() throws Exception {
    String json = "{\n  \"Records\": [\n    " + event("1") + ",\n    " + event("2") + "\n  ]\n}\n";
    Path file = write(dir, "trail.json", json);
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "2");
    assertThat(sink.acceptedLines()).containsExactly(3L, 4L);
  }

  @Test
  void jsonLines_linesAndIndices() throws Exception {
    Path file = write(dir, "events.jsonl", event("1") + "\n" + event("2") + "\n\n" + event("3"));
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "2", "3");
    assertThat(sink.acceptedLines()).containsExactly(1L, 2L, 4L);
    assertThat(sink.indices).containsExactly(1L, 2L, 3L);
    assertThat(summary.skipped()).isZero();
  }

  @Test
  void bareArray_elementsAreRecords() throws Exception {
    Path file = write(dir, "events.json", "[\n" + event("1") + ",\n" + event("2") + "\n]");
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "2");
    assertThat(sink.acceptedLines()).containsExactly(2L, 3L);
  }

  @Test
  void singleEventObject_prettyPrinted() throws Exception {
    Path file =
        write(dir, "event.json", "{\n  \"eventID\": \"1\",\n  \"requestParameters\": null\n}\n");
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1");
    assertThat(sink.accepted.get(0).node().has("requestParameters")).isTrue();
    assertThat(sink.acceptedLines()).containsExactly(1L);
  }

  @Test
  void nonObjectRecords_skippedAsNotAnObject() throws Exception {
    Path file = write(dir, "mixed.json", "[1, \"text\", " + event("1") + ", [2]]\n42\n");
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1");
    assertThat(summary.skipped(SkipReason.NOT_AN_OBJECT)).isEqualTo(4);
    assertThat(summary.records()).isEqualTo(5);
    assertThat(sink.skipped.get(3).location().line()).isEqualTo(2);
    assertThat(sink.skipped)
        .extracting(SkippedRecord::detail)
        .containsExactly(
            "expected a JSON object, found a number",
            "expected a JSON object, found a string",
            "expected a JSON object, found an array",
            "expected a JSON object, found a number");
  }

  @Test
  void gzip_detectedByMagicBytesNotName() throws Exception {
    Path file = write(dir, "trail.json", gzip(utf8(event("1"))));
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1");
  }

  @Test
  void gzName_plainContentReadAsPlain() throws Exception {
    Path file = write(dir, "trail.json.gz", event("1"));
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1");
    assertThat(summary.skipped()).isZero();
  }

  @Test
  void gzip_concatenatedMembers() throws Exception {
    byte[] content =
        concat(
            gzip(utf8(event("1") + "\n")), gzip(utf8(event("2") + "\n")), gzip(utf8(event("3"))));
    Path file = write(dir, "members.gz", content);
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "2", "3");
    assertThat(sink.acceptedLines()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void gzip_concatenatedMembersFromSlowPipe() {
    byte[] content = concat(gzip(utf8(event("1") + "\n")), gzip(utf8(event("2") + "\n")));
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = reader.read(InputSource.ofStream("-", new TrickleStream(content)), sink);

    assertThat(sink.field("eventID")).containsExactly("1", "2");
    assertThat(summary.input()).isEqualTo("-");
    assertThat(sink.accepted.get(1).location().input()).isEqualTo("-");
  }

  @Test
  void cloudTrailDigest_skippedAsDigest() throws Exception {
    String digest =
        "{\"awsAccountId\":\"111122223333\",\"digestStartTime\":\"2024-01-01T00:00:00Z\","
            + "\"digestEndTime\":\"2024-01-01T01:00:00Z\",\"digestPublicKeyFingerprint\":\"ab12\","
            + "\"digestSignatureAlgorithm\":\"SHA256withRSA\",\"logFiles\":[{\"s3Object\":\"x\"}]}";
    Path file = write(dir, "digest.json.gz", gzip(utf8(digest)));
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.accepted).isEmpty();
    assertThat(sink.skipReasons()).containsExactly(SkipReason.CLOUDTRAIL_DIGEST);
    assertThat(summary.skipped(SkipReason.CLOUDTRAIL_DIGEST)).isEqualTo(1);
  }

  @Test
  void cloudWatchSubscription_messagesAreEvents() throws Exception {
    Path file = write(dir, "cwl.json", cloudWatchEnvelope("DATA_MESSAGE", event("1"), event("2")));
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "2");
    assertThat(sink.accepted.get(0).node().has("message")).isFalse();
    assertThat(summary.skipped()).isZero();
  }

  @Test
  void cloudWatchControlMessage_skippedOnce() throws Exception {
    String control =
        cloudWatchEnvelope(
            "CONTROL_MESSAGE",
            "CWL CONTROL MESSAGE: Checking health of destination Firehose.",
            "CWL CONTROL MESSAGE: again");
    Path file = write(dir, "cwl.json", control);
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.accepted).isEmpty();
    assertThat(sink.skipReasons()).containsExactly(SkipReason.CONTROL_MESSAGE);
    assertThat(summary.records()).isEqualTo(1);
  }

  @Test
  void cloudWatchMessage_concatenatedDocuments() throws Exception {
    Path file = write(dir, "cwl.json", cloudWatchEnvelope("DATA_MESSAGE", event("1") + event("2")));
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "2");
  }

  @Test
  void cloudWatchMessage_notJsonIsBadEnvelope() throws Exception {
    Path file =
        write(
            dir, "cwl.json", cloudWatchEnvelope("DATA_MESSAGE", "START RequestId: 42", event("2")));
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("2");
    assertThat(summary.skipped(SkipReason.BAD_ENVELOPE)).isEqualTo(1);
    assertThat(sink.indices).containsExactly(1L, 2L);
  }

  @Test
  void kinesisFirehose_base64GzipLines() throws Exception {
    Base64.Encoder base64 = Base64.getEncoder();
    String first =
        base64.encodeToString(gzip(utf8(cloudWatchEnvelope("DATA_MESSAGE", event("1")))));
    String second =
        base64.encodeToString(
            gzip(utf8(cloudWatchEnvelope("DATA_MESSAGE", event("2"), event("3")))));
    String control =
        base64.encodeToString(gzip(utf8(cloudWatchEnvelope("CONTROL_MESSAGE", "CWL CONTROL"))));
    Path file = write(dir, "firehose-object", first + "\n" + second + "\r\n" + control + "\n");
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "2", "3");
    assertThat(sink.acceptedLines()).containsExactly(1L, 2L, 2L);
    assertThat(sink.skipReasons()).containsExactly(SkipReason.CONTROL_MESSAGE);
    assertThat(summary.uncompressedBytes()).isGreaterThan(3L * event("1").length());
  }

  @Test
  void eventBridge_cloudTrailDetailUnwrapped() throws Exception {
    String apiCall = eventBridge("AWS API Call via CloudTrail", event("1"));
    String signIn = eventBridge("AWS Console Sign In via CloudTrail", event("2"));
    String other = eventBridge("EC2 Instance State-change Notification", "{\"state\":\"running\"}");
    Path file = write(dir, "eventbridge.jsonl", apiCall + "\n" + signIn + "\n" + other + "\n");
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "2", "");
    assertThat(sink.accepted.get(2).node().path("detail-type").asText())
        .isEqualTo("EC2 Instance State-change Notification");
    assertThat(sink.acceptedLines()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void azureDiagnosticRecords_elementsAreRecords() throws Exception {
    String records =
        "{\"records\":[{\"time\":\"2024-01-01T00:00:00Z\",\"operationName\":\"A\"},"
            + "{\"time\":\"2024-01-01T00:00:01Z\",\"operationName\":\"B\"}]}";
    Path file = write(dir, "PT1H.json", records);
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("operationName")).containsExactly("A", "B");
  }

  @Test
  void azureStorageExport_jsonLinesWithoutWrapper() throws Exception {
    Path file =
        write(
            dir,
            "PT1H.json",
            "{\"time\":\"t1\",\"operationName\":\"A\"}\r\n{\"time\":\"t2\",\"operationName\":\"B\"}\r\n");
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("operationName")).containsExactly("A", "B");
    assertThat(sink.acceptedLines()).containsExactly(1L, 2L);
  }

  @Test
  void azureRestValueList_elementsKeepObjects() throws Exception {
    String rest =
        "{\"value\":[{\"operationName\":{\"value\":\"Microsoft.Compute/virtualMachines/write\","
            + "\"localizedValue\":\"Create or Update Virtual Machine\"},"
            + "\"status\":{\"value\":\"Succeeded\"}}],\"nextLink\":\"https://example.invalid/next\"}";
    Path file = write(dir, "rest.json", rest);
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.accepted).hasSize(1);
    assertThat(sink.accepted.get(0).node().path("operationName").path("localizedValue").asText())
        .isEqualTo("Create or Update Virtual Machine");
  }

  @Test
  void azureRestValueList_notFirstField() throws Exception {
    String rest = "{\"nextLink\":null,\"value\":[{\"category\":\"A\"},{\"category\":\"B\"}]}";
    Path file = write(dir, "rest.json", rest);
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("category")).containsExactly("A", "B");
  }

  @Test
  void logAnalyticsExport_flatRowsAccepted() throws Exception {
    String rows =
        "[{\"TimeGenerated [UTC]\":\"1/1/2024, 10:00:00.000 AM\",\"OperationNameValue\":\"X\"},"
            + "{\"TimeGenerated [UTC]\":\"1/1/2024, 10:00:01.000 AM\",\"OperationNameValue\":\"Y\"}]";
    Path file = write(dir, "AzureActivity.json", rows);
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("OperationNameValue")).containsExactly("X", "Y");
  }

  @Test
  void gcpLogEntries_jsonLinesAndArray() throws Exception {
    String entry1 = gcpEntry("1");
    String entry2 = gcpEntry("2");
    Path lines = write(dir, "gcp.jsonl", entry1 + "\n" + entry2 + "\n");
    Path array = write(dir, "gcp.json", "[" + entry1 + "," + entry2 + "]");
    CollectingSink fromLines = new CollectingSink();
    CollectingSink fromArray = new CollectingSink();

    read(reader, lines, fromLines);
    read(reader, array, fromArray);

    assertThat(fromLines.field("insertId")).containsExactly("1", "2");
    assertThat(fromArray.field("insertId")).containsExactly("1", "2");
    assertThat(fromLines.accepted.get(0).node().path("protoPayload").path("@type").asText())
        .isEqualTo("type.googleapis.com/google.cloud.audit.AuditLog");
  }

  @Test
  void pubSubPush_base64StandardAndUrlSafe() throws Exception {
    String standard = Base64.getEncoder().encodeToString(utf8(gcpEntry("1")));
    String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(gcpEntry("2?>")));
    Path file = write(dir, "push.jsonl", pubSub(standard) + "\n" + pubSub(urlSafe) + "\n");
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(urlSafe).containsAnyOf("-", "_");
    assertThat(sink.field("insertId")).containsExactly("1", "2?>");
    assertThat(sink.acceptedLines()).containsExactly(1L, 2L);
    assertThat(summary.skipped()).isZero();
  }

  @Test
  void pubSubPush_invalidBase64IsBadEnvelope() throws Exception {
    Path file = write(dir, "push.json", pubSub("not base64!"));
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.skipReasons()).containsExactly(SkipReason.BAD_ENVELOPE);
    assertThat(sink.skipped.get(0).detail()).contains("base64");
  }

  @Test
  void pubSubWrappingEventBridge_nestedEnvelopes() throws Exception {
    String inner = eventBridge("AWS API Call via CloudTrail", event("7"));
    String data = Base64.getEncoder().encodeToString(inner.getBytes(StandardCharsets.UTF_8));
    Path file = write(dir, "nested.json", pubSub(data));
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("7");
  }

  @Test
  void concatenatedDocuments_withoutSeparator() throws Exception {
    String content =
        event("1") + event("2") + "[" + event("3") + "]" + "{\"Records\":[" + event("4") + "]}";
    Path file = write(dir, "concat.json", content);
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "2", "3", "4");
    assertThat(summary.skipped()).isZero();
  }

  @Test
  void streamSource_readOnceFromMemory() {
    CollectingSink sink = new CollectingSink();
    InputSource source =
        InputSource.ofStream("-", new ByteArrayInputStream(utf8(event("1") + "\n" + event("2"))));

    ReadSummary summary = reader.read(source, sink);

    assertThat(summary.accepted()).isEqualTo(2);
    assertThat(source.path()).isEmpty();
  }

  @Test
  void emptyObject_passedOnAsRecord() throws Exception {
    Path file = write(dir, "empty.json", "{}\n");
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.accepted).hasSize(1);
    assertThat(sink.accepted.get(0).node()).isEqualTo(JsonNodeFactory.instance.objectNode());
  }

  private static String cloudWatchEnvelope(String messageType, String... messages) {
    StringBuilder json =
        new StringBuilder(
            "{\"messageType\":\""
                + messageType
                + "\",\"owner\":\"111122223333\",\"logGroup\":\"aws-cloudtrail-logs\","
                + "\"logStream\":\"111122223333_CloudTrail_us-east-1\","
                + "\"subscriptionFilters\":[\"all\"],\"logEvents\":[");
    for (int i = 0; i < messages.length; i++) {
      if (i > 0) {
        json.append(',');
      }
      String escaped = messages[i].replace("\\", "\\\\").replace("\"", "\\\"");
      json.append("{\"id\":\"")
          .append(i)
          .append("\",\"timestamp\":1700000000000,\"message\":\"")
          .append(escaped)
          .append("\"}");
    }
    return json.append("]}").toString();
  }

  private static String eventBridge(String detailType, String detail) {
    return "{\"version\":\"0\",\"id\":\"e1\",\"detail-type\":\""
        + detailType
        + "\",\"source\":\"aws.sts\",\"account\":\"111122223333\",\"detail\":"
        + detail
        + "}";
  }

  private static String gcpEntry(String insertId) {
    return "{\"insertId\":\""
        + insertId
        + "\",\"logName\":\"projects/p/logs/cloudaudit.googleapis.com%2Factivity\","
        + "\"protoPayload\":{\"@type\":\"type.googleapis.com/google.cloud.audit.AuditLog\","
        + "\"methodName\":\"v1.compute.instances.setMetadata\"},\"severity\":\"NOTICE\"}";
  }

  private static String pubSub(String data) {
    return "{\"message\":{\"data\":\""
        + data
        + "\",\"messageId\":\"1\",\"publishTime\":\"2024-01-01T00:00:00Z\"},"
        + "\"subscription\":\"projects/p/subscriptions/audit\"}";
  }
}
