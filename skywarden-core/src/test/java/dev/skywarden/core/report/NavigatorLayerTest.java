package dev.skywarden.core.report;

import static dev.skywarden.core.finding.TestHits.event;
import static dev.skywarden.core.finding.TestHits.hit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.finding.TestHits;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NavigatorLayerTest {

  private static final Set<String> TACTICS =
      Set.of(
          "reconnaissance",
          "resource-development",
          "initial-access",
          "execution",
          "persistence",
          "privilege-escalation",
          "defense-evasion",
          "credential-access",
          "discovery",
          "lateral-movement",
          "collection",
          "command-and-control",
          "exfiltration",
          "impact");

  /** Checks a layer against the ATT&CK Navigator layer format 4.5. */
  static void assertValidLayer(JsonNode layer) {
    assertThat(layer.path("name").asText()).isNotBlank();
    assertThat(layer.path("versions").path("layer").asText()).isEqualTo("4.5");
    assertThat(layer.path("versions").path("attack").asText()).matches("\\d+");
    assertThat(layer.path("versions").path("navigator").asText()).matches("5\\.\\d+\\.\\d+");
    assertThat(layer.path("domain").asText()).isEqualTo("enterprise-attack");
    assertThat(layer.path("gradient").path("colors")).hasSizeGreaterThanOrEqualTo(2);
    assertThat(layer.path("gradient").path("maxValue").asDouble())
        .isGreaterThan(layer.path("gradient").path("minValue").asDouble());
    assertThat(layer.path("techniques").isArray()).isTrue();
    for (JsonNode technique : layer.path("techniques")) {
      assertThat(technique.path("techniqueID").asText()).matches("T\\d{4}(\\.\\d{3})?");
      if (technique.has("tactic")) {
        assertThat(technique.path("tactic").asText()).isIn(TACTICS);
      }
      if (technique.has("score")) {
        assertThat(technique.path("score").isNumber()).isTrue();
      }
      assertThat(technique.path("comment").isTextual()).isTrue();
      assertThat(technique.path("enabled").isBoolean()).isTrue();
      for (JsonNode meta : technique.path("metadata")) {
        assertThat(meta.path("name").isTextual()).isTrue();
        assertThat(meta.path("value").isTextual()).isTrue();
      }
    }
  }

  @Test
  void layerName_fromFindingTimes() {
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(
        hit("rule-a", Severity.HIGH, event("alice", 1, 7, "AKIA1", "198.51.100.1", "CreateUser")));
    aggregator.add(
        hit("rule-b", Severity.LOW, event("bob", 90, 8, null, "198.51.100.2", "ListUsers")));
    List<Finding> findings = aggregator.findings();

    assertThat(NavigatorLayerWriter.layerName(findings))
        .isEqualTo(
            "Skywarden hunt, findings "
                + JsonLinesFindingWriter.iso(TestHits.T0.plusSeconds(1))
                + " to "
                + JsonLinesFindingWriter.iso(TestHits.T0.plusSeconds(90)));
    assertThat(NavigatorLayerWriter.layerName(List.of())).isEqualTo("Skywarden hunt, no findings");
  }

  @Test
  void hunt_oneEntryPerTechniqueAndTactic() {
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(
        hit("rule-a", Severity.HIGH, event("alice", 1, 7, "AKIA1", "198.51.100.1", "CreateUser")));
    aggregator.add(
        hit("rule-b", Severity.LOW, event("bob", 2, 8, null, "198.51.100.2", "ListUsers")));

    JsonNode layer = new NavigatorLayer(ControlCatalog.bundled()).hunt(aggregator.findings(), "t");

    assertValidLayer(layer);
    assertThat(layer.path("versions").path("attack").asText())
        .isEqualTo(ControlCatalog.bundled().attackVersion().replaceFirst("\\..*", ""));
    assertThat(layer.path("techniques").findValuesAsText("techniqueID"))
        .contains("T1059.009", "T1078.004");
    JsonNode cloudApi = layer.path("techniques").get(0);
    assertThat(cloudApi.path("techniqueID").asText()).isEqualTo("T1059.009");
    assertThat(cloudApi.path("tactic").asText()).isEqualTo("execution");
    assertThat(cloudApi.path("score").asInt()).isEqualTo(2);
  }

  @Test
  void coverage_scoresByCountAndLevel() {
    List<NavigatorLayer.RuleCoverage> rules =
        List.of(
            new NavigatorLayer.RuleCoverage("r1", "One", Severity.HIGH, List.of("T1059.009")),
            new NavigatorLayer.RuleCoverage("r2", "Two", Severity.LOW, List.of("t1059.009")),
            new NavigatorLayer.RuleCoverage("r3", "Three", null, List.of("T1651")));

    JsonNode layer = new NavigatorLayer(ControlCatalog.bundled()).coverage(rules, "c");

    assertValidLayer(layer);
    assertThat(layer.path("techniques")).hasSize(3);
    assertThat(layer.path("techniques").get(0).path("score").asInt()).isEqualTo(4);
    assertThat(layer.path("techniques").get(1).path("score").asInt()).isEqualTo(2);
    assertThat(layer.path("gradient").path("maxValue").asInt()).isEqualTo(4);
  }

  @Test
  void hunt_capsPrincipalsInComment() {
    FindingAggregator aggregator = new FindingAggregator();
    for (int i = 0; i < 3000; i++) {
      String name = String.format(java.util.Locale.ROOT, "user%04d", i);
      aggregator.add(
          hit("rule-a", Severity.HIGH, event(name, 1, 7, "AKIA1", "198.51.100.1", "CreateUser")));
    }

    JsonNode layer = new NavigatorLayer(ControlCatalog.bundled()).hunt(aggregator.findings(), "t");

    String comment = layer.path("techniques").get(0).path("comment").asText();
    assertThat(comment).contains("user0000; ", "user0009 and 2990 more").doesNotContain("user0010");
  }

  @Test
  void coverage_parentOfSubtechniqueShowsSubtechniques() {
    List<NavigatorLayer.RuleCoverage> rules =
        List.of(new NavigatorLayer.RuleCoverage("r1", "One", Severity.HIGH, List.of("T1059.009")));

    JsonNode layer = new NavigatorLayer(ControlCatalog.bundled()).coverage(rules, "c");

    assertValidLayer(layer);
    JsonNode parent = null;
    for (JsonNode entry : layer.path("techniques")) {
      if (entry.path("techniqueID").asText().equals("T1059")) {
        parent = entry;
      }
      if (entry.path("techniqueID").asText().equals("T1059.009")) {
        assertThat(entry.has("showSubtechniques")).isFalse();
      }
    }
    assertThat(parent).as("parent entry T1059").isNotNull();
    assertThat(parent.path("showSubtechniques").asBoolean()).isTrue();
    assertThat(parent.path("tactic").asText()).isEqualTo("execution");
    assertThat(parent.has("score")).as("parent without a score").isFalse();
  }

  @Test
  void comments_singularForOne() {
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(
        hit("rule-a", Severity.HIGH, event("alice", 1, 7, "AKIA1", "198.51.100.1", "CreateUser")));
    NavigatorLayer navigator = new NavigatorLayer(ControlCatalog.bundled());

    JsonNode hunt = navigator.hunt(aggregator.findings(), "t");
    JsonNode coverage =
        navigator.coverage(
            List.of(new NavigatorLayer.RuleCoverage("r1", "One", Severity.HIGH, List.of("T1651"))),
            "c");

    assertThat(hunt.path("techniques").get(0).path("comment").asText())
        .startsWith("1 finding by rule: ");
    assertThat(coverage.path("techniques").get(0).path("comment").asText())
        .isEqualTo("1 rule: One");
  }
}
