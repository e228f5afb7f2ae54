package dev.skywarden.core.detect.correlation;

import static dev.skywarden.core.detect.correlation.CorrelationFixtures.call;
import static dev.skywarden.core.detect.correlation.CorrelationFixtures.event;
import static dev.skywarden.core.detect.correlation.CorrelationFixtures.load;
import static dev.skywarden.core.detect.correlation.CorrelationFixtures.rule;
import static dev.skywarden.core.detect.correlation.CorrelationFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.detect.correlation.CorrelationFixtures.Loaded;
import dev.skywarden.core.detect.correlation.CorrelationFixtures.Match;
import dev.skywarden.core.event.CloudEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conformance of each correlation type: window edges, groups, aliases, order, math, chains. */
class CorrelationEngineTest {

  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  private static final String BOB = "arn:aws:iam::111122223333:user/bob";

  private static Loaded countRule(String type, String condition) {
    String yaml =
        rule("listing", "ListBuckets")
            + "---\ntitle: Correlation under test\nid: c0ffee00-0000-4000-8000-000000000001\n"
            + "correlation:\n    type: "
            + type
            + "\n    rules: [listing]\n    group-by: [userIdentity.arn]\n    timespan: 5m\n"
            + "    condition:\n"
            + condition
            + "level: high\n";
    return load("count.yml", yaml);
  }

  private static List<Match> listings(String arn, int... seconds) {
    List<Match> matches = new ArrayList<>();
    for (int i = 0; i < seconds.length; i++) {
      matches.add(new Match("listing", call(seconds[i], i + 1, "ListBuckets", arn)));
    }
    return matches;
  }

  @Test
  void eventCount_windowEndingExactlyAtTimespanFires() {
    Loaded loaded = countRule("event_count", "        gte: 3\n");

    List<CorrelationFiring> firings = run(loaded, Duration.ZERO, listings(ALICE, 0, 150, 300));

    assertThat(firings).hasSize(1);
    assertThat(firings.get(0).explanation())
        .isEqualTo("event_count 3 >= 3 in 5m for userIdentity.arn=" + ALICE);
    assertThat(firings.get(0).eventCount()).isEqualTo(3);
    assertThat(firings.get(0).evidence()).hasSize(3);
  }

  @Test
  void eventCount_oneMillisecondOverTimespanDoesNotFire() {
    Loaded loaded = countRule("event_count", "        gte: 3\n");
    List<Match> matches = listings(ALICE, 0, 150);
    matches.add(
        new Match(
            "listing",
            event(
                300_001,
                "trail.json",
                3,
                Map.of("eventName", "ListBuckets", "userIdentity.arn", ALICE))));

    assertThat(run(loaded, Duration.ZERO, matches)).isEmpty();
  }

  @Test
  void eventCount_countsGroupsSeparately() {
    Loaded loaded = countRule("event_count", "        gte: 3\n");
    List<Match> matches = new ArrayList<>(listings(ALICE, 0, 10));
    matches.add(new Match("listing", call(20, 9, "ListBuckets", BOB)));

    assertThat(run(loaded, Duration.ZERO, CorrelationFixtures.sorted(matches))).isEmpty();
  }

  @Test
  void eventCount_burstFiresOnceThenAgainForNextBurst() {
    Loaded loaded = countRule("event_count", "        gte: 3\n");

    List<CorrelationFiring> firings =
        run(loaded, Duration.ZERO, listings(ALICE, 0, 10, 20, 30, 1000, 1010, 1020));

    assertThat(firings).extracting(CorrelationFiring::eventCount).containsExactly(4, 3);
  }

  @Test
  void eventCount_rangeConditionExcludesLargerBursts() {
    Loaded loaded = countRule("event_count", "        gt: 2\n        lte: 3\n");

    assertThat(run(loaded, Duration.ZERO, listings(ALICE, 0, 10, 20))).hasSize(1);
    assertThat(run(loaded, Duration.ZERO, listings(ALICE, 0, 10, 20, 30))).isEmpty();
  }

  @Test
  void eventCount_neqAndLtConditions() {
    Loaded neq = countRule("event_count", "        neq: 2\n");
    Loaded lt = countRule("event_count", "        lt: 2\n");

    assertThat(run(neq, Duration.ZERO, listings(ALICE, 0, 10))).isEmpty();
    assertThat(run(neq, Duration.ZERO, listings(ALICE, 0))).hasSize(1);
    assertThat(run(lt, Duration.ZERO, listings(ALICE, 0, 1000))).hasSize(2);
  }

  @Test
  void groupBy_missingFieldSkipsEventAndCountsIt() {
    String yaml =
        rule("listing", "ListBuckets")
            + "---\ntitle: Per bucket\ncorrelation:\n    type: event_count\n"
            + "    rules: [listing]\n    group-by: [userIdentity.arn, requestParameters.bucketName]\n"
            + "    timespan: 5m\n    condition:\n        gte: 2\n";
    Loaded loaded = load("missing.yml", yaml);
    List<CorrelationFiring> firings = new ArrayList<>();
    CorrelationEngine engine =
        new CorrelationEngine(loaded.correlations(), CorrelationLimits.DEFAULTS, firings::add);

    engine.accept(loaded.rule("listing"), call(0, 1, "ListBuckets", ALICE));
    engine.accept(loaded.rule("listing"), call(1, 2, "ListBuckets", ALICE));
    engine.accept(
        loaded.rule("listing"),
        event(
            2000,
            "trail.json",
            3,
            Map.of(
                "eventName",
                "ListBuckets",
                "userIdentity.arn",
                ALICE,
                "requestParameters.bucketName",
                "b1")));
    engine.flush();

    assertThat(firings).isEmpty();
    assertThat(engine.statistics().inputsWithoutGroup()).isEqualTo(2);
    assertThat(engine.statistics().inputs()).isEqualTo(3);
  }

  @Test
  void valueCount_countsDistinctValues() {
    Loaded loaded =
        countRule("value_count", "        field: requestParameters.bucketName\n        gte: 3\n");
    List<Match> three = new ArrayList<>();
    List<Match> two = new ArrayList<>();
    String[] buckets = {"b1", "b2", "b2", "b3"};
    for (int i = 0; i < buckets.length; i++) {
      CloudEvent listing = bucketCall(i * 10, i + 1, buckets[i]);
      three.add(new Match("listing", listing));
      if (!buckets[i].equals("b3")) {
        two.add(new Match("listing", listing));
      }
    }

    List<CorrelationFiring> firings = run(loaded, Duration.ZERO, three);

    assertThat(firings).hasSize(1);
    assertThat(firings.get(0).value()).isEqualByComparingTo("3");
    assertThat(firings.get(0).explanation())
        .startsWith("value_count of requestParameters.bucketName 3 >= 3");
    assertThat(run(loaded, Duration.ZERO, two)).isEmpty();
  }

  private static CloudEvent bucketCall(int seconds, int index, String bucket) {
    return event(
        seconds * 1000L,
        "trail.json",
        index,
        Map.of(
            "eventName",
            "ListBuckets",
            "userIdentity.arn",
            ALICE,
            "requestParameters.bucketName",
            bucket));
  }

  private static Loaded metricRule(String type, String condition) {
    return countRule(type, "        field: additionalEventData.bytesTransferredOut\n" + condition);
  }

  private static List<Match> transfers(Object... values) {
    List<Match> matches = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      matches.add(
          new Match(
              "listing",
              event(
                  i * 1000L,
                  "trail.json",
                  i + 1,
                  Map.of(
                      "eventName",
                      "ListBuckets",
                      "additionalEventData.bytesTransferredOut",
                      values[i]))));
    }
    return matches;
  }

  @Test
  void valueSum_addsNumbers() {
    List<CorrelationFiring> firings =
        run(
            metricRule("value_sum", "        gte: 100\n"),
            Duration.ZERO,
            transfers(10, 20, 30, 40));

    assertThat(firings).hasSize(1);
    assertThat(firings.get(0).value()).isEqualByComparingTo("100");
    assertThat(
            run(
                metricRule("value_sum", "        gt: 100\n"),
                Duration.ZERO,
                transfers(10, 20, 30, 40)))
        .isEmpty();
  }

  @Test
  void valueAvg_dividesExactly() {
    List<CorrelationFiring> firings =
        run(metricRule("value_avg", "        eq: 25\n"), Duration.ZERO, transfers(10, 20, 30, 40));
    List<CorrelationFiring> thirds =
        run(metricRule("value_avg", "        gt: 3\n"), Duration.ZERO, transfers(3, 3, 4));

    assertThat(firings).hasSize(1);
    assertThat(thirds).hasSize(1);
    assertThat(thirds.get(0).value()).isEqualByComparingTo(new BigDecimal("3.333333333333333"));
    assertThat(thirds.get(0).explanation())
        .startsWith("value_avg of additionalEventData.bytesTransferredOut 3.333333 > 3");
  }

  @Test
  void valueMedian_averagesMiddlePair() {
    List<CorrelationFiring> even =
        run(
            metricRule("value_median", "        gte: 0\n"),
            Duration.ZERO,
            transfers(40, 10, 30, 20));
    List<CorrelationFiring> odd =
        run(metricRule("value_median", "        gte: 0\n"), Duration.ZERO, transfers(7, 1, 100));

    assertThat(even.get(0).value()).isEqualByComparingTo("25");
    assertThat(odd.get(0).value()).isEqualByComparingTo("7");
  }

  @Test
  void valuePercentile_interpolatesBetweenRanks() {
    List<CorrelationFiring> p90 =
        run(
            metricRule("value_percentile", "        percentile: 90\n        gt: 36\n"),
            Duration.ZERO,
            transfers(10, 20, 30, 40));
    List<CorrelationFiring> p0 =
        run(
            metricRule("value_percentile", "        percentile: 0\n        lte: 10\n"),
            Duration.ZERO,
            transfers(10, 20, 30, 40));
    List<CorrelationFiring> p100 =
        run(
            metricRule("value_percentile", "        percentile: 100\n        eq: 40\n"),
            Duration.ZERO,
            transfers(10, 20, 30, 40));

    // h = (4 - 1) * 0.9 = 2.7, so 30 + 0.7 * (40 - 30) = 37.
    assertThat(p90).hasSize(1);
    assertThat(p90.get(0).value()).isEqualByComparingTo("37");
    assertThat(p0.get(0).value()).isEqualByComparingTo("10");
    assertThat(p100.get(0).value()).isEqualByComparingTo("40");
  }

  @Test
  void valueSum_skipsNonNumericValuesAndCountsThem() {
    Loaded loaded = metricRule("value_sum", "        gte: 30\n");
    List<CorrelationFiring> firings = new ArrayList<>();
    CorrelationEngine engine =
        new CorrelationEngine(loaded.correlations(), CorrelationLimits.DEFAULTS, firings::add);
    for (Match match : transfers(10, "lots", 20)) {
      engine.accept(loaded.rule(match.rule()), match.event());
    }
    engine.flush();

    assertThat(firings).hasSize(1);
    assertThat(firings.get(0).value()).isEqualByComparingTo("30");
    assertThat(engine.statistics().inputsWithoutValue()).isEqualTo(1);
  }

  private static Loaded temporal(String type, String timespan) {
    String yaml =
        rule("recon_a", "GetCallerIdentity")
            + "---\n"
            + rule("recon_b", "ListUsers")
            + "---\n"
            + rule("recon_c", "ListRoles")
            + "---\ntitle: Recon sequence\nid: c0ffee00-0000-4000-8000-000000000002\n"
            + "correlation:\n    type: "
            + type
            + "\n    rules: [recon_a, recon_b, recon_c]\n    group-by: [userIdentity.arn]\n"
            + "    timespan: "
            + timespan
            + "\n";
    return load("temporal.yml", yaml);
  }

  private static List<Match> recon(String... namesAtSeconds) {
    List<Match> matches = new ArrayList<>();
    for (int i = 0; i < namesAtSeconds.length; i += 2) {
      String name = namesAtSeconds[i];
      int seconds = Integer.parseInt(namesAtSeconds[i + 1]);
      String eventName =
          switch (name) {
            case "recon_a" -> "GetCallerIdentity";
            case "recon_b" -> "ListUsers";
            default -> "ListRoles";
          };
      matches.add(new Match(name, call(seconds, i + 1, eventName, ALICE)));
    }
    return CorrelationFixtures.sorted(matches);
  }

  @Test
  void temporal_anyOrderWithinTimespanFires() {
    Loaded loaded = temporal("temporal", "5m");

    List<CorrelationFiring> firings =
        run(loaded, Duration.ZERO, recon("recon_c", "0", "recon_a", "60", "recon_b", "300"));

    assertThat(firings).hasSize(1);
    assertThat(firings.get(0).explanation())
        .isEqualTo(
            "temporal 3 >= 3 of rules [recon_a, recon_b, recon_c] in 5m for userIdentity.arn="
                + ALICE);
  }

  @Test
  void temporal_missingRuleDoesNotFire() {
    Loaded loaded = temporal("temporal", "5m");

    assertThat(run(loaded, Duration.ZERO, recon("recon_a", "0", "recon_a", "60", "recon_b", "90")))
        .isEmpty();
    assertThat(run(loaded, Duration.ZERO, recon("recon_c", "0", "recon_a", "60", "recon_b", "301")))
        .isEmpty();
  }

  @Test
  void temporalOrdered_firesOnlyInListedOrder() {
    Loaded loaded = temporal("temporal_ordered", "5m");

    assertThat(run(loaded, Duration.ZERO, recon("recon_a", "0", "recon_b", "10", "recon_c", "20")))
        .hasSize(1);
    assertThat(run(loaded, Duration.ZERO, recon("recon_b", "0", "recon_a", "10", "recon_c", "20")))
        .isEmpty();
    assertThat(run(loaded, Duration.ZERO, recon("recon_a", "0", "recon_c", "10", "recon_b", "20")))
        .isEmpty();
  }

  @Test
  void temporalOrdered_skipsOutOfOrderPrefix() {
    Loaded loaded = temporal("temporal_ordered", "5m");

    List<CorrelationFiring> firings =
        run(
            loaded,
            Duration.ZERO,
            recon(
                "recon_b", "0", "recon_a", "10", "recon_c", "20", "recon_b", "30", "recon_c",
                "40"));

    // The window starts at the leading recon_b, which the ordered match skips.
    assertThat(firings).hasSize(1);
    assertThat(firings.get(0).firstTime()).isEqualTo(CorrelationFixtures.T0);
    assertThat(firings.get(0).eventCount()).isEqualTo(5);
  }

  @Test
  void temporalOrdered_sameTimestampUsesRecordOrder() {
    Loaded loaded = temporal("temporal_ordered", "5m");

    assertThat(run(loaded, Duration.ZERO, recon("recon_a", "5", "recon_b", "5", "recon_c", "5")))
        .hasSize(1);
  }

  @Test
  void aliases_joinDifferentFieldNames() {
    String yaml =
        rule("console_failure", "ConsoleLogin")
            + "---\n"
            + rule("key_created", "CreateAccessKey")
            + "---\ntitle: Failed console login then a key created for that user\n"
            + "correlation:\n    type: temporal_ordered\n    rules: [console_failure, key_created]\n"
            + "    group-by: [target_user]\n    timespan: 1h\n    aliases:\n        target_user:\n"
            + "            console_failure: additionalEventData.LoginTo\n"
            + "            key_created: requestParameters.userName\n";
    Loaded loaded = load("alias.yml", yaml);
    Match login =
        new Match(
            "console_failure",
            event(
                0,
                "trail.json",
                1,
                Map.of("eventName", "ConsoleLogin", "additionalEventData.LoginTo", "carol")));
    Match sameUser =
        new Match(
            "key_created",
            event(
                60_000,
                "trail.json",
                2,
                Map.of("eventName", "CreateAccessKey", "requestParameters.userName", "carol")));
    Match otherUser =
        new Match(
            "key_created",
            event(
                60_000,
                "trail.json",
                2,
                Map.of("eventName", "CreateAccessKey", "requestParameters.userName", "dave")));

    List<CorrelationFiring> firings = run(loaded, Duration.ZERO, List.of(login, sameUser));

    assertThat(firings).hasSize(1);
    assertThat(firings.get(0).groupValues()).containsExactly("carol");
    assertThat(firings.get(0).explanation()).endsWith("in 1h for target_user=carol");
    assertThat(run(loaded, Duration.ZERO, List.of(login, otherUser))).isEmpty();
  }

  @Test
  void noGroupBy_countsAllEventsTogether() {
    String yaml =
        rule("listing", "ListBuckets")
            + "---\ntitle: Everyone\ncorrelation:\n    type: event_count\n    rules: [listing]\n"
            + "    timespan: 1m\n    condition:\n        gte: 2\n";
    Loaded loaded = load("all.yml", yaml);
    List<Match> matches = new ArrayList<>(listings(ALICE, 0));
    matches.add(new Match("listing", call(30, 5, "ListBuckets", BOB)));

    List<CorrelationFiring> firings = run(loaded, Duration.ZERO, matches);

    assertThat(firings).hasSize(1);
    assertThat(firings.get(0).explanation()).isEqualTo("event_count 2 >= 2 in 1m over all events");
  }
}
