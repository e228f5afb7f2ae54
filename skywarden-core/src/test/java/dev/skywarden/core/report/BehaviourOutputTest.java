package dev.skywarden.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.finding.Behaviour;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.finding.TestHits;
import dev.skywarden.core.testing.SharedData;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every writer carries the structured explanation of a behavioural finding. */
class BehaviourOutputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HuntSummary SUMMARY =
      new HuntSummary("test", Instant.parse("2025-03-02T00:00:00Z"), List.of());
  private static Finding finding;

  @BeforeAll
  static void aggregate() {
    Behaviour.History history =
        new Behaviour.History(
            "training window",
            Instant.parse("2025-02-28T10:00:00Z"),
            Instant.parse("2025-03-01T10:00:00Z"),
            120,
            Instant.parse("2025-02-28T10:05:00Z"),
            Instant.parse("2025-03-01T09:55:00Z"));
    FindingAggregator aggregator = new FindingAggregator();
    for (int i = 0; i < 2; i++) {
      String network = "203.0.11" + i + ".0/24";
      Behaviour behaviour =
          new Behaviour(
              "principal",
              "arn:aws:iam::111122223333:user/alice",
              List.of(
                  new Behaviour.Feature(
                      "network",
                      network,
                      "new",
                      TestHits.T0.plusSeconds(i),
                      TestHits.T0.plusSeconds(i),
                      1)),
              false,
              history,
              null,
              0);
      aggregator.add(
          new DetectionHit(
              "skywarden-analytics-new-network",
              "New source network for this identity",
              Severity.LOW,
              List.of("T1078.004"),
              TestHits.event("alice", i, i + 1, "AKIAALICE", "203.0.11" + i + ".9", "ListUsers"),
              "network " + network + " was new for principal alice",
              behaviour));
    }
    finding = aggregator.findings().get(0);
  }

  @Test
  void aggregator_mergesFeaturesOfHits() {
    assertThat(finding.behaviour().features())
        .extracting(Behaviour.Feature::value)
        .containsExactly("203.0.110.0/24", "203.0.111.0/24");
    assertThat(finding.behaviour().history().events()).isEqualTo(120);
  }

  @Test
  void jsonLines_behaviourObject() throws IOException {
    JsonNode node = JSON.readTree(new JsonLinesFindingWriter().toLine(finding, SUMMARY));

    assertThat(node.at("/behaviour/features/1/value").asText()).isEqualTo("203.0.111.0/24");
    assertThat(node.at("/behaviour/history/source").asText()).isEqualTo("training window");
    assertThat(node.at("/behaviour/history/events").asLong()).isEqualTo(120);
    assertThat(node.at("/behaviour/peer_group").isNull()).isTrue();
  }

  @Test
  void ocsf_behavioralAnalyticAndAnomalyAnalysis() throws IOException {
    JsonNode node = JSON.readTree(new OcsfFindingWriter().toLine(finding, SUMMARY));

    assertThat(node.at("/finding_info/analytic/type_id").asInt()).isEqualTo(2);
    assertThat(node.at("/anomaly_analyses/0/anomalies/0/observations/0/value").asText())
        .isEqualTo("203.0.110.0/24");
    assertThat(node.at("/anomaly_analyses/0/baselines/0/observations/0/count").asInt())
        .isEqualTo(120);
    assertThat(node.at("/unmapped/behaviour/features").size()).isEqualTo(2);
  }

  @Test
  void ocsf_validAgainstSchema() {
    OcsfSchemaValidator validator =
        new OcsfSchemaValidator(SharedData.require("reference/ocsf-schema"));

    String line = new OcsfFindingWriter().toLine(finding, SUMMARY);

    assertThat(validator.validateLines(line, "detection_finding")).isEmpty();
  }

  @Test
  void csv_newFeaturesHistoryAndPeerColumns() {
    List<String> fields = new CsvFindingWriter().fields(finding);

    assertThat(fields).hasSize(CsvFindingWriter.HEADER.size());
    assertThat(fields.get(CsvFindingWriter.HEADER.indexOf("new_features")))
        .isEqualTo("new network 203.0.110.0/24; new network 203.0.111.0/24");
    assertThat(fields.get(CsvFindingWriter.HEADER.indexOf("history")))
        .isEqualTo(
            "training window 2025-02-28T10:00:00Z to 2025-03-01T10:00:00Z, 120 events,"
                + " first seen 2025-02-28T10:05:00Z, last seen 2025-03-01T09:55:00Z");
  }

  @Test
  void table_behaviourSection() throws IOException {
    StringWriter out = new StringWriter();
    new TableReport(false).write(List.of(finding), SUMMARY, out);

    assertThat(out.toString()).contains("Behaviour (1)");
    assertThat(out.toString()).contains("network 203.0.110.0/24 was new for principal alice");
  }

  @Test
  void asff_productFields() throws IOException {
    StringWriter out = new StringWriter();
    new AsffFindingWriter().write(List.of(finding), SUMMARY, out);

    JsonNode fields = JSON.readTree(out.toString()).get(0).get("ProductFields");
    assertThat(fields.get("skywarden/new_features").asText()).contains("203.0.111.0/24");
    assertThat(fields.get("skywarden/history_events").asText()).isEqualTo("120");
  }
}
