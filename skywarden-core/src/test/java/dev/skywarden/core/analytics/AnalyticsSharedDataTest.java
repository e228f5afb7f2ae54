package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.hunt.HuntProgress;
import dev.skywarden.core.hunt.HuntResult;
import dev.skywarden.core.hunt.HunterBuilder;
import dev.skywarden.core.input.InputDiscovery;
import dev.skywarden.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Counts behavioural findings per technique on public attack data: the Stratus Red Team detonation
 * logs (one technique per file, one hunt over all files, default training window) and the Panther
 * rule test events (one hunt per log type). Skips when the shared data folder is absent. The counts
 * are printed and are the numbers of docs/detection-coverage.md.
 */
class AnalyticsSharedDataTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Hunts all Stratus files at once: the detonations come from principals without history of their
   * own in these logs. Without history only a network first used from a hosting provider or Tor
   * exit is reported, and without network intel no source is either, so nothing is reported. The
   * test pins that, so a change that reports more of identities without any history is noticed.
   */
  @Test
  void stratusLogs_withoutHistory_notJudged() throws IOException, InterruptedException {
    Path logs = SharedData.requireData("stratus/logs");
    BehaviouralAnalytics analytics = new BehaviouralAnalytics();

    HuntResult result =
        HunterBuilder.empty()
            .detector(analytics)
            .threads(2)
            .build()
            .hunt(new InputDiscovery().discover(List.of(logs.toString())), new HuntProgress());

    assertThat(result.total().skipped()).isZero();
    assertThat(result.detectorErrors()).isZero();
    assertThat(analytics.lastSummary().withoutBaseline()).isPositive();
    assertThat(result.findings()).isEmpty();
  }

  /**
   * Gives each Stratus detonation a day of ordinary history of its own principal first (read-only
   * calls with the detonation's own client and source address), then counts the behavioural
   * findings per technique. Because client and network are the same, only the operations,
   * parameters and bursts of the detonation can stand out.
   */
  @Test
  void stratusLogs_withHistory_findingsPerTechnique() throws IOException, InterruptedException {
    Path logs = SharedData.requireData("stratus/logs");
    Map<String, Set<String>> rulesByTechnique = new TreeMap<>();
    List<Path> files;
    try (var listing = Files.list(logs)) {
      files = listing.sorted().toList();
    }
    for (Path file : files) {
      List<CloudEvent> detonation = StratusHistory.read(file);
      List<CloudEvent> events = new ArrayList<>(StratusHistory.dayBefore(detonation));
      events.addAll(detonation);
      AnalyticsHarness.Outcome outcome =
          AnalyticsHarness.run(events, AnalyticsOptions.DEFAULTS, SavedState.EMPTY);
      Set<String> rules = new TreeSet<>();
      for (Finding finding : outcome.behavioural()) {
        rules.add(finding.ruleId().replace("skywarden-analytics-", ""));
      }
      rulesByTechnique.put(file.getFileName().toString().replace(".json", ""), rules);
    }
    rulesByTechnique.forEach(
        (technique, rules) -> System.out.println("| " + technique + " | " + rules + " |"));

    long covered = rulesByTechnique.values().stream().filter(rules -> !rules.isEmpty()).count();
    // Measured: see docs/detection-coverage.md; a drop means a detector lost coverage.
    assertThat(covered)
        .as("techniques with findings: %s", rulesByTechnique)
        .isGreaterThanOrEqualTo(MIN_STRATUS);
    assertThat(rulesByTechnique.get("aws.persistence.iam-create-admin-user"))
        .contains("first-sensitive-operation");
  }

  /** Stratus techniques with at least one behavioural finding after a day of history. */
  static final long MIN_STRATUS = 21;

  @Test
  void pantherEvents_findingsPerLabelTechnique() throws IOException, InterruptedException {
    Path panther = SharedData.requireData("panther");
    Map<String, Integer> findingsByTechnique = new TreeMap<>();
    long findings = 0;
    for (String logType : List.of("aws_cloudtrail", "azure_monitoractivity", "gcp_auditlog")) {
      Path events = panther.resolve(logType).resolve("events.jsonl");
      List<String> labels = Files.readAllLines(panther.resolve(logType).resolve("labels.jsonl"));
      HuntResult result =
          HunterBuilder.empty()
              .detector(new BehaviouralAnalytics())
              .threads(1)
              .build()
              .hunt(new InputDiscovery().discover(List.of(events.toString())), new HuntProgress());
      assertThat(result.detectorErrors()).isZero();
      for (Finding finding : result.findings()) {
        findings++;
        long line = finding.evidence().get(0).location().line();
        JsonNode label = JSON.readTree(labels.get((int) line - 1));
        for (JsonNode technique : label.path("mitre_attack")) {
          findingsByTechnique.merge(technique.asText(), 1, Integer::sum);
        }
        if (label.path("mitre_attack").isEmpty()) {
          findingsByTechnique.merge("(no technique)", 1, Integer::sum);
        }
      }
    }
    System.out.println("panther behavioural findings: " + findings + " " + findingsByTechnique);

    // Measured 43, down from 66 once a new value shared by one peer group was reported once. The
    // events of each log type are one hunt, so identities that recur build a little history. A
    // large drop means a detector lost coverage.
    assertThat(findings).isGreaterThanOrEqualTo(40);
  }
}
