package dev.skywarden.core.analytics;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skywarden.core.finding.Finding;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Prints the detection rate per attack and the false positives per 1,000 identities per day of the
 * behavioural detectors on generated scenarios, for several training windows, as the Markdown
 * tables of docs/detection-coverage.md. Runs only with {@code -Dskywarden.measure=true}, because it
 * takes minutes: {@code mvn -pl skywarden-core test -Dtest=AnalyticsMeasurementTest
 * -Dskywarden.measure=true}.
 */
class AnalyticsMeasurementTest {

  static final int IDENTITIES = 1000;
  static final int DAYS = 4;
  static final long[] SEEDS = {1L, 2L, 3L};
  static final List<Duration> WINDOWS =
      List.of(
          Duration.ofHours(6), Duration.ofHours(12), Duration.ofHours(24), Duration.ofHours(48));

  @Test
  void measure() {
    assumeTrue(Boolean.getBoolean("skywarden.measure"), "set -Dskywarden.measure=true to measure");
    Map<String, int[]> detected = new LinkedHashMap<>();
    StringBuilder fpTable = new StringBuilder("| Training window | Judged days |");
    fpTable.append(
        " False positives per 1,000 identities per day | By rule |\n|---|---|---|---|\n");
    for (Duration window : WINDOWS) {
      int falsePositives = 0;
      Map<String, Integer> byRule = new TreeMap<>();
      for (long seed : SEEDS) {
        BehaviourGenerator.Scenario scenario =
            new BehaviourGenerator(seed).generate(IDENTITIES, DAYS, true);
        AnalyticsHarness.Outcome outcome =
            AnalyticsHarness.run(
                scenario.events(),
                AnalyticsOptions.DEFAULTS.withTrainingWindow(window),
                SavedState.EMPTY);
        for (BehaviourGenerator.Attack attack : scenario.attacks()) {
          boolean fired = false;
          for (Finding finding : outcome.behavioural()) {
            if (finding.principal().equals(attack.principal())
                && finding.ruleId().equals(attack.expected().ruleId())
                && !finding.lastSeen().isBefore(attack.start())) {
              fired = true;
            }
          }
          int[] counts =
              detected.computeIfAbsent(attack.name() + "|" + window.toHours(), k -> new int[2]);
          counts[0] += fired ? 1 : 0;
          counts[1]++;
        }
        Map<String, Integer> fp = GeneratedScenarioTest.falsePositivesByRule(scenario, outcome);
        fp.forEach((rule, count) -> byRule.merge(rule, count, Integer::sum));
        falsePositives += fp.values().stream().mapToInt(Integer::intValue).sum();
      }
      double judgedDays = DAYS - window.toHours() / 24.0;
      double perThousandPerDay =
          falsePositives / (double) SEEDS.length / (IDENTITIES / 1000.0) / judgedDays;
      fpTable.append(
          String.format(
              Locale.ROOT,
              "| %dh | %.2f | %.1f | %s |%n",
              window.toHours(),
              judgedDays,
              perThousandPerDay,
              byRule));
    }
    StringBuilder rateTable = new StringBuilder("| Attack |");
    WINDOWS.forEach(w -> rateTable.append(' ').append(w.toHours()).append("h |"));
    rateTable.append("\n|---|").append("---|".repeat(WINDOWS.size())).append('\n');
    Map<String, Map<Long, int[]>> byAttack = new LinkedHashMap<>();
    detected.forEach(
        (key, counts) -> {
          String[] parts = key.split("\\|", -1);
          byAttack
              .computeIfAbsent(parts[0], k -> new TreeMap<>())
              .put(Long.parseLong(parts[1]), counts);
        });
    byAttack.forEach(
        (attack, perWindow) -> {
          rateTable.append("| ").append(attack).append(" |");
          perWindow
              .values()
              .forEach(
                  c -> rateTable.append(' ').append(c[0]).append('/').append(c[1]).append(" |"));
          rateTable.append('\n');
        });
    System.out.println(rateTable);
    System.out.println(fpTable);
  }
}
