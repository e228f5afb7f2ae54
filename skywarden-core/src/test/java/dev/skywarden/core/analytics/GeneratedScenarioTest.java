package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Evaluates the behavioural detectors on a generated background of 300 identities over 3 days with
 * attacks inserted at noon of the last day: each detector fires on its attack, and the background
 * gives few findings (the bounds are the measured counts with some headroom, see
 * docs/detection-coverage.md).
 */
class GeneratedScenarioTest {

  static final int IDENTITIES = 300;
  static final int DAYS = 3;
  static final long SEED = 20260302L;

  private static final BehaviourGenerator.Scenario SCENARIO =
      new BehaviourGenerator(SEED).generate(IDENTITIES, DAYS, true);
  private static final AnalyticsHarness.Outcome OUTCOME =
      AnalyticsHarness.run(SCENARIO.events(), AnalyticsOptions.DEFAULTS, SavedState.EMPTY);

  @TestFactory
  Stream<DynamicTest> eachAttack_firesItsDetector() {
    return SCENARIO.attacks().stream()
        .map(
            attack ->
                DynamicTest.dynamicTest(
                    attack.name(),
                    () -> {
                      List<Finding> matching =
                          OUTCOME.behavioural().stream()
                              .filter(f -> f.principal().equals(attack.principal()))
                              .filter(f -> f.ruleId().equals(attack.expected().ruleId()))
                              .filter(f -> !f.lastSeen().isBefore(attack.start()))
                              .toList();
                      assertThat(matching)
                          .as("%s on %s", attack.expected(), attack.principal())
                          .isNotEmpty();
                      Finding finding = matching.get(0);
                      assertThat(finding.behaviour().features()).isNotEmpty();
                      if (attack.expected() != BehaviouralDetection.WORKLOAD_CREDENTIAL_ELSEWHERE) {
                        // The workload detector compares with published ranges, not history.
                        assertThat(finding.behaviour().history().events()).isPositive();
                      }
                      assertThat(finding.explanation()).contains(attack.principal());
                    }));
  }

  @Test
  void sessionWithoutHistory_comparedWithItsRole() {
    Finding finding =
        OUTCOME.behavioural().stream()
            .filter(f -> f.principal().endsWith("/pwned"))
            .findFirst()
            .orElseThrow();

    assertThat(finding.behaviour().historyLevel()).isEqualTo("role");
    assertThat(finding.behaviour().history().source())
        .contains("of role arn:aws:iam::111122223333:role/app-");
    assertThat(finding.behaviour().history().events()).isPositive();
    assertThat(finding.explanation()).contains("joined with its role's other sessions");
  }

  @Test
  void background_fewFalsePositives() {
    Map<String, Integer> falsePositives = falsePositivesByRule(SCENARIO, OUTCOME);

    // Measured with this seed: see the javadoc of falsePositivesByRule for what counts.
    assertThat(falsePositives.values().stream().mapToInt(Integer::intValue).sum())
        .as("false positives by rule: %s", falsePositives)
        .isLessThanOrEqualTo(12);
    assertThat(
            falsePositives.getOrDefault(BehaviouralDetection.FIRST_SENSITIVE_OPERATION.ruleId(), 0))
        .as("first use of a sensitive operation on the background")
        .isZero();
    assertThat(falsePositives.getOrDefault(BehaviouralDetection.NEW_CLIENT.ruleId(), 0)).isZero();
  }

  @Test
  void backgroundOnly_noHighFindings() {
    BehaviourGenerator.Scenario quiet =
        new BehaviourGenerator(SEED).generate(IDENTITIES, DAYS, false);
    AnalyticsHarness.Outcome outcome =
        AnalyticsHarness.run(quiet.events(), AnalyticsOptions.DEFAULTS, SavedState.EMPTY);

    assertThat(outcome.behavioural())
        .filteredOn(f -> f.severity().compareTo(dev.skywarden.core.finding.Severity.MEDIUM) >= 0)
        .as("medium or higher behavioural findings on the background")
        .isEmpty();
  }

  @Test
  void findings_sameForAnyOrderAndThreads() {
    List<CloudEvent> reversed = new ArrayList<>(SCENARIO.events());
    Collections.reverse(reversed);

    AnalyticsHarness.Outcome parallel =
        AnalyticsHarness.run(reversed, AnalyticsOptions.DEFAULTS, SavedState.EMPTY, 4);

    assertThat(parallel.findings()).isEqualTo(OUTCOME.findings());
    assertThat(parallel.state()).isEqualTo(OUTCOME.state());
  }

  @Test
  void trainingWindowZero_nothingLearnedFromInput() {
    AnalyticsHarness.Outcome outcome =
        AnalyticsHarness.run(
            SCENARIO.events(),
            AnalyticsOptions.DEFAULTS.withTrainingWindow(Duration.ZERO),
            SavedState.EMPTY);

    assertThat(outcome.summary().trainingWindow()).isZero();
    assertThat(outcome.summary().withoutBaseline()).isEqualTo(outcome.summary().principals());
  }

  /**
   * Counts behavioural findings by rule that are not explained by an attack: findings on an
   * identity no attack used, or whose every event came before the attack on it.
   */
  static Map<String, Integer> falsePositivesByRule(
      BehaviourGenerator.Scenario scenario, AnalyticsHarness.Outcome outcome) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Finding finding : outcome.behavioural()) {
      boolean explained =
          scenario.attacks().stream()
              .anyMatch(
                  attack ->
                      attack.principal().equals(finding.principal())
                          && !finding.lastSeen().isBefore(attack.start()));
      if (!explained) {
        counts.merge(finding.ruleId(), 1, Integer::sum);
      }
    }
    return counts;
  }
}
