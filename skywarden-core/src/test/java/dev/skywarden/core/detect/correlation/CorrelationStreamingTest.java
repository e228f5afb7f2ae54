package dev.skywarden.core.detect.correlation;

import static dev.skywarden.core.detect.correlation.CorrelationFixtures.call;
import static dev.skywarden.core.detect.correlation.CorrelationFixtures.describe;
import static dev.skywarden.core.detect.correlation.CorrelationFixtures.load;
import static dev.skywarden.core.detect.correlation.CorrelationFixtures.rule;
import static dev.skywarden.core.detect.correlation.CorrelationFixtures.run;
import static dev.skywarden.core.detect.correlation.CorrelationFixtures.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.detect.correlation.CorrelationFixtures.Loaded;
import dev.skywarden.core.detect.correlation.CorrelationFixtures.Match;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Streaming use: out-of-order input, late events, the watermark, chains and state limits. */
class CorrelationStreamingTest {

  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  private static final String BOB = "arn:aws:iam::111122223333:user/bob";

  /** The specification's example: a burst of failures followed by a success, chained. */
  private static final String CHAIN =
      rule("failed_login", "ConsoleLoginFailure")
          + "---\n"
          + rule("successful_login", "ConsoleLoginSuccess")
          + "---\ntitle: Many failed logins\nname: many_failed_logins\n"
          + "correlation:\n    type: event_count\n    rules: [failed_login]\n"
          + "    group-by: [userIdentity.arn]\n    timespan: 10m\n    condition:\n        gte: 3\n"
          + "---\ntitle: Failed logins followed by a success\n"
          + "id: 5d1c3c1e-0000-4000-8000-00000000000a\n"
          + "correlation:\n    type: temporal_ordered\n"
          + "    rules: [many_failed_logins, successful_login]\n"
          + "    group-by: [userIdentity.arn]\n    timespan: 30m\nlevel: high\n";

  private static List<Match> bruteForce(String arn, int offsetSeconds, int firstIndex) {
    List<Match> matches = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      matches.add(
          new Match(
              "failed_login",
              call(offsetSeconds + i * 30, firstIndex + i, "ConsoleLoginFailure", arn)));
    }
    matches.add(
        new Match(
            "successful_login",
            call(offsetSeconds + 200, firstIndex + 4, "ConsoleLoginSuccess", arn)));
    return matches;
  }

  private static List<Match> mixedScenario() {
    List<Match> matches = new ArrayList<>(bruteForce(ALICE, 0, 1));
    matches.addAll(bruteForce(BOB, 40, 10));
    // Carol succeeds first and fails afterwards: no ordered match.
    String carol = "arn:aws:iam::111122223333:user/carol";
    matches.add(new Match("successful_login", call(5, 20, "ConsoleLoginSuccess", carol)));
    for (int i = 0; i < 3; i++) {
      matches.add(new Match("failed_login", call(60 + i, 21 + i, "ConsoleLoginFailure", carol)));
    }
    return sorted(matches);
  }

  @Test
  void chain_firesWhenBurstPrecedesSuccess() {
    Loaded loaded = load("chain.yml", CHAIN);

    List<CorrelationFiring> firings = run(loaded, Duration.ZERO, mixedScenario());
    List<CorrelationFiring> outer = new ArrayList<>();
    for (CorrelationFiring firing : firings) {
      if (firing.correlation().key().startsWith("5d1c3c1e")) {
        outer.add(firing);
      }
    }

    assertThat(outer).extracting(firing -> firing.groupValues().get(0)).containsExactly(ALICE, BOB);
    // Evidence reaches through the chained burst to the failed logins.
    assertThat(outer.get(0).evidence()).hasSize(5);
    assertThat(outer.get(0).explanation())
        .isEqualTo(
            "temporal_ordered 2 >= 2 of rules [many_failed_logins, successful_login] in 30m for"
                + " userIdentity.arn="
                + ALICE);
  }

  @Test
  void chain_intermediateCorrelationReportsNoFindings() {
    Loaded loaded = load("chain.yml", CHAIN);

    assertThat(loaded.correlations().correlations()).hasSize(2);
    assertThat(loaded.correlations().reportsFindings(loaded.correlations().correlations().get(0)))
        .isFalse();
    assertThat(loaded.correlations().reportsFindings(loaded.correlations().correlations().get(1)))
        .isTrue();
    assertThat(loaded.correlations().reportsFindings(loaded.rule("failed_login"))).isFalse();
  }

  @Test
  void outOfOrderWithinAllowance_matchesSortedRun() {
    Loaded loaded = load("chain.yml", CHAIN);
    List<Match> inOrder = mixedScenario();
    List<String> expected = describe(run(loaded, Duration.ZERO, inOrder));

    for (long seed = 1; seed <= 20; seed++) {
      List<Match> shuffled = new ArrayList<>(inOrder);
      Collections.shuffle(shuffled, new Random(seed));

      // The whole scenario spans under 5 minutes, so a 10-minute allowance covers any shuffle.
      assertThat(describe(run(loaded, Duration.ofMinutes(10), shuffled)))
          .as("shuffle seed %d", seed)
          .isEqualTo(expected);
    }
    // Three bursts (alice, bob, carol) and two ordered matches (alice, bob).
    assertThat(expected).hasSize(5);
  }

  @Test
  void lateEventBeyondAllowance_isDroppedAndCounted() {
    Loaded loaded = load("chain.yml", CHAIN);
    List<CorrelationFiring> firings = new ArrayList<>();
    CorrelationEngine engine =
        new CorrelationEngine(
            loaded.correlations(),
            CorrelationLimits.DEFAULTS.withAllowedLateness(Duration.ofSeconds(60)),
            firings::add);

    engine.accept(loaded.rule("failed_login"), call(0, 1, "ConsoleLoginFailure", ALICE));
    engine.accept(loaded.rule("failed_login"), call(300, 2, "ConsoleLoginFailure", ALICE));
    // 300 s behind the latest event, beyond the 60 s allowance.
    engine.accept(loaded.rule("failed_login"), call(1, 3, "ConsoleLoginFailure", ALICE));
    engine.checkInvariants();
    engine.flush();

    assertThat(engine.statistics().lateInputs()).isEqualTo(1);
    assertThat(engine.statistics().inputs()).isEqualTo(3);
    assertThat(firings).isEmpty();
  }

  @Test
  void watermark_closesWindowWithoutFurtherEvents() {
    Loaded loaded = load("chain.yml", CHAIN);
    List<CorrelationFiring> firings = new ArrayList<>();
    CorrelationEngine engine =
        new CorrelationEngine(loaded.correlations(), CorrelationLimits.DEFAULTS, firings::add);
    for (int i = 0; i < 3; i++) {
      engine.accept(loaded.rule("failed_login"), call(i, i + 1, "ConsoleLoginFailure", ALICE));
    }

    engine.advanceWatermark(CorrelationFixtures.T0.plusSeconds(600));
    assertThat(firings).as("window [0 s, 600 s] may still grow").isEmpty();

    engine.advanceWatermark(CorrelationFixtures.T0.plusSeconds(601));
    engine.checkInvariants();
    assertThat(firings).hasSize(1);
    // The burst's group is gone; its firing now waits in the ordered correlation for a success.
    assertThat(engine.statistics().trackedGroups()).isEqualTo(1);
    assertThat(engine.statistics().trackedEvents()).isEqualTo(1);
  }

  @Test
  void stateExpires_afterWatermarkPassesWindow() {
    Loaded loaded = load("chain.yml", CHAIN);
    CorrelationEngine engine =
        new CorrelationEngine(loaded.correlations(), CorrelationLimits.DEFAULTS, firing -> {});

    engine.accept(loaded.rule("failed_login"), call(0, 1, "ConsoleLoginFailure", ALICE));
    engine.accept(loaded.rule("failed_login"), call(10_000, 2, "ConsoleLoginFailure", BOB));
    engine.checkInvariants();

    // The watermark trails bob's event by the 5-minute default allowance: alice's window has
    // passed it and is forgotten, bob's event still waits in the reorder buffer.
    assertThat(engine.statistics().trackedGroups()).isZero();
    assertThat(engine.statistics().trackedEvents()).isZero();
    assertThat(engine.statistics().pendingEvents()).isEqualTo(1);
  }

  @Test
  void perGroupLimit_closesWindowEarlyAndCounts() {
    Loaded loaded = load("chain.yml", CHAIN);
    List<Match> matches = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      matches.add(new Match("failed_login", call(i, i + 1, "ConsoleLoginFailure", ALICE)));
    }
    List<CorrelationFiring> firings = new ArrayList<>();
    CorrelationEngine engine =
        new CorrelationEngine(
            loaded.correlations(),
            CorrelationLimits.DEFAULTS.withAllowedLateness(Duration.ZERO).withCaps(4, 100, 100),
            firings::add);
    for (Match match : matches) {
      engine.accept(loaded.rule(match.rule()), match.event());
      engine.checkInvariants();
    }
    engine.flush();

    assertThat(engine.statistics().windowsClosedAtEventLimit()).isPositive();
    assertThat(firings).isNotEmpty();
    assertThat(firings.get(0).closedEarly()).isTrue();
    assertThat(firings.get(0).explanation()).endsWith("(window closed early at the state limit)");
  }

  @Test
  void groupLimit_dropsNewGroupsAndCounts() {
    Loaded loaded = load("chain.yml", CHAIN);
    CorrelationEngine engine =
        new CorrelationEngine(
            loaded.correlations(),
            CorrelationLimits.DEFAULTS.withAllowedLateness(Duration.ZERO).withCaps(100, 100, 2),
            firing -> {});
    for (int i = 0; i < 5; i++) {
      engine.accept(
          loaded.rule("failed_login"),
          call(i, i + 1, "ConsoleLoginFailure", "arn:aws:iam::111122223333:user/u" + i));
      engine.checkInvariants();
    }
    engine.advanceWatermark(CorrelationFixtures.T0.plusSeconds(10));

    assertThat(engine.statistics().inputsDroppedAtGroupLimit()).isEqualTo(3);
    assertThat(engine.statistics().trackedGroups()).isEqualTo(2);
  }

  @Test
  void totalEventLimit_keepsStateBounded() {
    Loaded loaded = load("chain.yml", CHAIN);
    CorrelationEngine engine =
        new CorrelationEngine(
            loaded.correlations(),
            CorrelationLimits.DEFAULTS.withAllowedLateness(Duration.ZERO).withCaps(100, 5, 100),
            firing -> {});
    for (int i = 0; i < 40; i++) {
      engine.accept(
          loaded.rule("failed_login"),
          call(i, i + 1, "ConsoleLoginFailure", "arn:aws:iam::111122223333:user/u" + (i % 7)));
      engine.checkInvariants();
      assertThat(engine.statistics().trackedEvents()).isLessThanOrEqualTo(5);
    }
    assertThat(engine.statistics().windowsClosedAtEventLimit()).isPositive();
  }

  @Test
  void pendingLimit_forcesWatermarkForward() {
    Loaded loaded = load("chain.yml", CHAIN);
    CorrelationEngine engine =
        new CorrelationEngine(
            loaded.correlations(),
            CorrelationLimits.DEFAULTS
                .withAllowedLateness(Duration.ofDays(1))
                .withMaxPendingEvents(3),
            firing -> {});
    for (int i = 0; i < 6; i++) {
      engine.accept(loaded.rule("failed_login"), call(i, i + 1, "ConsoleLoginFailure", ALICE));
      engine.checkInvariants();
    }

    assertThat(engine.statistics().forcedReleases()).isPositive();
    assertThat(engine.statistics().pendingEvents()).isLessThanOrEqualTo(3);
  }
}
