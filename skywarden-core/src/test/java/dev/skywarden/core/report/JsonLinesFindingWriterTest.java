package dev.skywarden.core.report;

import static dev.skywarden.core.finding.TestHits.event;
import static dev.skywarden.core.finding.TestHits.failed;
import static dev.skywarden.core.finding.TestHits.hit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.finding.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesFindingWriterTest {

  private static String output() throws IOException {
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(
        hit(
            "rule-a",
            Severity.HIGH,
            event("alice", 1, 7, "AKIAEXAMPLE1", "198.51.100.1", "CreateUser")));
    aggregator.add(
        hit("rule-b", Severity.LOW, event("bob", 2, 8, null, "198.51.100.2", "ListUsers")));
    StringWriter out = new StringWriter();
    new JsonLinesFindingWriter()
        .write(aggregator.findings(), new HuntSummary("0.1.0", Instant.EPOCH, List.of()), out);
    return out.toString();
  }

  @Test
  void output_oneObjectPerLineInStableFieldOrder() throws IOException {
    String text = output();
    List<String> lines = text.lines().toList();
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    List<String> fields = new ArrayList<>();
    first.properties().forEach(e -> fields.add(e.getKey()));

    assertThat(text).endsWith("\n");
    assertThat(lines).hasSize(2);
    assertThat(fields)
        .containsExactly(
            "id",
            "rule_id",
            "title",
            "severity",
            "provider",
            "account",
            "principal",
            "principal_type",
            "first_seen",
            "last_seen",
            "count",
            "failed_count",
            "techniques",
            "nist_800_53_r5",
            "csf_2_0",
            "credentials",
            "source_addresses",
            "operations",
            "error_codes",
            "resources",
            "client",
            "clients",
            "truncated",
            "explanation",
            "posture",
            "behaviour",
            "incident",
            "evidence");
    assertThat(output()).isEqualTo(text);
  }

  @Test
  void output_valuesAndIsoTimes() throws IOException {
    JsonNode first = new ObjectMapper().readTree(output().lines().findFirst().orElseThrow());

    assertThat(first.get("severity").asText()).isEqualTo("high");
    assertThat(first.get("first_seen").asText()).isEqualTo("2025-03-01T10:00:01Z");
    assertThat(first.path("techniques").get(0).path("tactics").get(0).asText())
        .isEqualTo("Execution");
    assertThat(first.path("nist_800_53_r5").findValuesAsText("id"))
        .contains("AC-2", "AC-3", "AC-6", "CM-7", "IA-2", "SI-4");
    assertThat(first.path("csf_2_0").get(0).has("subcategory")).isTrue();
    JsonNode evidence = first.path("evidence").get(0);
    assertThat(evidence.get("event_id").asText()).isEqualTo("evt-7");
    assertThat(evidence.get("time").asText()).isEqualTo("2025-03-01T10:00:01Z");
    assertThat(evidence.get("file").asText()).isEqualTo("trail.json");
    assertThat(evidence.get("record").asLong()).isEqualTo(7);
    assertThat(evidence.get("line").asLong()).isEqualTo(7);
    assertThat(first.path("client").path("kind").asText()).isEqualTo("AWS_CLI");
  }

  @Test
  void output_failedCallsAndErrorCodes() throws IOException {
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(
        hit(
            "stop",
            Severity.HIGH,
            failed(event("eve", 1, 1, null, "198.51.100.1", "StopLogging"), "AccessDenied")));
    aggregator.add(
        hit("stop", Severity.HIGH, event("eve", 2, 2, null, "198.51.100.1", "StopLogging")));
    StringWriter out = new StringWriter();
    new JsonLinesFindingWriter()
        .write(aggregator.findings(), new HuntSummary("0.1.0", Instant.EPOCH, List.of()), out);
    JsonNode line = new ObjectMapper().readTree(out.toString());

    assertThat(line.get("failed_count").asLong()).isEqualTo(1);
    assertThat(line.get("error_codes")).hasSize(1);
    assertThat(line.get("error_codes").get(0).asText()).isEqualTo("AccessDenied");
    assertThat(line.get("explanation").asText()).endsWith("1 of 2 failed: AccessDenied)");
    assertThat(line.get("resources").get(0).asText())
        .isEqualTo("arn:aws:iam::111122223333:user/eve");
  }
}
