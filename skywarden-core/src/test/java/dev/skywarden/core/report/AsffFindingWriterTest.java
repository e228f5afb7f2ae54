package dev.skywarden.core.report;

import static dev.skywarden.core.finding.TestHits.event;
import static dev.skywarden.core.finding.TestHits.hit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.finding.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AsffFindingWriterTest {

  private static final Pattern ISO_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

  /** Checks the fields that ASFF 2018-10-08 requires of every finding, and their types. */
  static void assertValidAsff(JsonNode finding) {
    assertThat(finding.path("SchemaVersion").asText()).isEqualTo("2018-10-08");
    for (String field : List.of("Id", "ProductArn", "GeneratorId", "Title", "Description")) {
      assertThat(finding.path(field).isTextual()).as(field).isTrue();
      assertThat(finding.path(field).asText()).as(field).isNotBlank();
    }
    assertThat(finding.path("Id").asText().length()).isLessThanOrEqualTo(512);
    assertThat(finding.path("Title").asText().length()).isLessThanOrEqualTo(256);
    assertThat(finding.path("Description").asText().length()).isLessThanOrEqualTo(1024);
    assertThat(finding.path("AwsAccountId").asText()).matches("\\d{12}");
    assertThat(finding.path("ProductArn").asText())
        .matches("arn:aws:securityhub:[a-z0-9-]+:\\d{12}:product/\\d{12}/default");
    assertThat(finding.path("Types").isArray()).isTrue();
    assertThat(finding.path("Types")).isNotEmpty();
    for (JsonNode type : finding.path("Types")) {
      assertThat(type.asText())
          .matches(
              "(Software and Configuration Checks|TTPs|Effects|Unusual Behaviors"
                  + "|Sensitive Data Identifications)(/[^/]+){0,2}");
    }
    for (String field : List.of("CreatedAt", "UpdatedAt", "FirstObservedAt", "LastObservedAt")) {
      assertThat(finding.path(field).asText()).as(field).matches(ISO_TIME);
    }
    assertThat(finding.path("Severity").path("Label").asText())
        .isIn("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL");
    assertThat(finding.path("Resources").isArray()).isTrue();
    assertThat(finding.path("Resources")).isNotEmpty();
    for (JsonNode resource : finding.path("Resources")) {
      assertThat(resource.path("Type").asText()).isNotBlank();
      assertThat(resource.path("Id").asText()).isNotBlank();
    }
  }

  @Test
  void output_arrayOfValidFindings() throws IOException {
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(
        hit("rule-a", Severity.HIGH, event("alice", 1, 7, "AKIA1", "198.51.100.1", "CreateUser")));
    aggregator.add(
        hit("rule-b", Severity.LOW, event("bob", 2, 8, null, "198.51.100.2", "ListUsers")));
    StringWriter out = new StringWriter();
    new AsffFindingWriter()
        .write(
            aggregator.findings(),
            new HuntSummary("0.1.0", Instant.parse("2025-03-02T00:00:00Z"), List.of()),
            out);

    JsonNode array = new ObjectMapper().readTree(out.toString());
    assertThat(array.isArray()).isTrue();
    assertThat(array).hasSize(2);
    array.forEach(AsffFindingWriterTest::assertValidAsff);
    JsonNode first = array.get(0);
    assertThat(first.path("AwsAccountId").asText()).isEqualTo("111122223333");
    assertThat(first.path("Resources").get(0).path("Type").asText()).isEqualTo("AwsIamUser");
    assertThat(first.path("Types").get(0).asText()).isEqualTo("TTPs/Execution/T1059.009 Cloud API");
    assertThat(first.path("Network").path("SourceIpV4").asText()).isEqualTo("198.51.100.1");
    assertThat(first.path("CreatedAt").asText()).isEqualTo("2025-03-01T10:00:01Z");
  }

  @Test
  void times_fromEvidenceNotRunTime() throws IOException {
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(
        hit("rule-a", Severity.HIGH, event("alice", 5, 7, "AKIA1", "198.51.100.1", "CreateUser")));
    aggregator.add(
        hit("rule-a", Severity.HIGH, event("alice", 90, 8, "AKIA1", "198.51.100.1", "CreateUser")));
    String monday = asff(aggregator, Instant.parse("2025-03-03T08:00:00Z"));
    String tuesday = asff(aggregator, Instant.parse("2025-03-04T17:30:00Z"));

    JsonNode finding = new ObjectMapper().readTree(monday).get(0);

    assertThat(tuesday).as("same evidence, later run").isEqualTo(monday);
    assertThat(finding.path("CreatedAt").asText()).isEqualTo("2025-03-01T10:00:05Z");
    assertThat(finding.path("FirstObservedAt").asText()).isEqualTo("2025-03-01T10:00:05Z");
    assertThat(finding.path("UpdatedAt").asText()).isEqualTo("2025-03-01T10:01:30Z");
    assertThat(finding.path("LastObservedAt").asText()).isEqualTo("2025-03-01T10:01:30Z");
  }

  private static String asff(FindingAggregator aggregator, Instant runTime) throws IOException {
    StringWriter out = new StringWriter();
    new AsffFindingWriter()
        .write(aggregator.findings(), new HuntSummary("0.1.0", runTime, List.of()), out);
    return out.toString();
  }

  @Test
  void importingAccount_longPrincipal_andEmptyHunt() throws IOException {
    HuntSummary summary = new HuntSummary("0.1.0", Instant.EPOCH, List.of());
    AsffFindingWriter writer =
        AsffFindingWriter.forImportingAccount(
            dev.skywarden.core.catalog.ControlCatalog.bundled(), "eu-west-1", "444455556666");
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(
        hit(
            "rule-a",
            Severity.HIGH,
            event("a".repeat(5000), 1, 7, "AKIA1", "198.51.100.1", "CreateUser")));
    StringWriter out = new StringWriter();
    writer.write(aggregator.findings(), summary, out);

    JsonNode first = new ObjectMapper().readTree(out.toString()).get(0);
    assertThat(first.path("AwsAccountId").asText()).isEqualTo("444455556666");
    assertThat(first.path("ProductArn").asText())
        .isEqualTo("arn:aws:securityhub:eu-west-1:444455556666:product/444455556666/default");
    assertThat(first.path("ProductFields").path("skywarden/account").asText())
        .isEqualTo("111122223333");
    assertThat(first.path("Resources").get(0).path("Id").asText()).hasSizeLessThanOrEqualTo(512);

    StringWriter empty = new StringWriter();
    writer.write(List.of(), summary, empty);
    assertThat(empty.toString()).isEqualTo("[]\n");
  }
}
