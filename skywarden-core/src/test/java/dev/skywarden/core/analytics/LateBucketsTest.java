package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.TestHits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bursts after the earliest buckets of a long input: a profile keeps its earliest {@link
 * AnalyticsLimits#maxBuckets()} buckets and judges the later ones through its late set, in either
 * reading order, while its buckets stay bounded.
 */
class LateBucketsTest {

  private static final int DAY = 86_400;

  private static final int BUCKET_SECONDS = 300;

  /** The day of the bursts, after the 28 days of the earliest set. */
  private static final int BURST_DAY = 35;

  @Test
  void burstsOnDay35_reportedInTimeOrder() {
    List<Finding> findings = hunt(quietDaysWithBursts(40));

    assertBurstsOnDay35(findings);
  }

  @Test
  void burstsOnDay35_reportedInReverseOrder() {
    List<CloudEvent> events = quietDaysWithBursts(40);
    Collections.reverse(events);

    List<Finding> findings = hunt(events);

    assertBurstsOnDay35(findings);
  }

  @Test
  void twoHundredDays_bucketsBounded() {
    AnalyticsRun run = defaultRun();
    int buckets = 200 * DAY / BUCKET_SECONDS;
    for (int i = 0; i < buckets; i++) {
      run.detect(event(i * BUCKET_SECONDS, i, "GetUser"), hit -> {});
    }

    AnalyticsLimits limits = AnalyticsLimits.DEFAULTS;
    int bound = limits.maxBuckets() + limits.maxLateBuckets();
    // Quiet buckets are evicted in batches of a sixteenth of the late set.
    int batch = limits.maxLateBuckets() / 16;
    assertThat(run.profiles()).hasSize(2);
    for (Profile profile : run.profiles()) {
      List<TimeBucket> profileBuckets = profile.buckets();
      assertThat(profileBuckets.size())
          .as("buckets of " + profile.key())
          .isBetween(bound - batch, bound);
      assertThat(profile.earliestBuckets().size())
          .as("earliest buckets of " + profile.key())
          .isEqualTo(limits.maxBuckets());
      assertThat(profileBuckets.get(0).index)
          .as("first bucket of " + profile.key())
          .isEqualTo(bucketOf(0));
      assertThat(profileBuckets.get(profileBuckets.size() - 1).index)
          .as("last bucket of " + profile.key())
          .isEqualTo(bucketOf((buckets - 1) * BUCKET_SECONDS));
      assertThat(profile.droppedBucketEvents()).as("dropped by " + profile.key()).isZero();
      assertThat(profile.bucketsCreatedAmongEvicted())
          .as("buckets created among evicted ones by " + profile.key())
          .isZero();
    }
  }

  /**
   * Reads 60 days twice, as a hunt reads two inputs of one identity one after the other. The second
   * pass recreates buckets that the first pass evicted as quiet, so a burst split between the
   * passes would be judged on its second part only, and the profile counts those buckets.
   */
  @Test
  void twoPasses_countRecreatedBuckets() {
    AnalyticsRun run = defaultRun();
    int buckets = 60 * DAY / BUCKET_SECONDS;
    int index = 0;
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < buckets; i++) {
        run.detect(event(i * BUCKET_SECONDS + pass, index++, "GetUser"), hit -> {});
      }
    }

    assertThat(run.profiles()).hasSize(2);
    for (Profile profile : run.profiles()) {
      assertThat(profile.bucketsCreatedAmongEvicted())
          .as("buckets created among evicted ones by " + profile.key())
          .isPositive();
    }
  }

  /** Starts an analytics run with the default limits and no saved state. */
  private static AnalyticsRun defaultRun() {
    return (AnalyticsRun)
        new BehaviouralAnalytics(
                AnalyticsOptions.DEFAULTS, SavedState.EMPTY, state -> {}, AnalyticsHarness.CLOCK)
            .startRun();
  }

  private static void assertBurstsOnDay35(List<Finding> findings) {
    Instant burstDay = TestHits.T0.plusSeconds((long) BURST_DAY * DAY);
    List<Finding> enumeration = ofRule(findings, BehaviouralDetection.DENIED_ENUMERATION);
    List<Finding> callRate = ofRule(findings, BehaviouralDetection.CALL_RATE);

    assertThat(enumeration).as("denied enumeration findings").hasSize(1);
    assertThat(enumeration.get(0).firstSeen()).isAfterOrEqualTo(burstDay);
    assertThat(callRate).as("call-rate findings").hasSize(1);
    assertThat(callRate.get(0).firstSeen()).isAfterOrEqualTo(burstDay);
  }

  private static List<Finding> ofRule(List<Finding> findings, BehaviouralDetection detection) {
    return findings.stream().filter(f -> f.ruleId().equals(detection.ruleId())).toList();
  }

  /**
   * Returns one call per five-minute bucket for {@code days} days, in time order, with two bursts
   * on day {@link #BURST_DAY}: 12 distinct operations denied in one bucket, and 150 calls in
   * another.
   */
  private static List<CloudEvent> quietDaysWithBursts(int days) {
    List<CloudEvent> events = new ArrayList<>();
    int index = 0;
    int burstStart = BURST_DAY * DAY + 3_600;
    int rateStart = BURST_DAY * DAY + 7_200;
    for (int second = 0; second < days * DAY; second += BUCKET_SECONDS) {
      events.add(event(second, index++, "GetUser"));
      if (second == burstStart) {
        for (int i = 0; i < 12; i++) {
          CloudEvent denied = event(second + 1 + i, index++, "ListThings" + i);
          events.add(TestHits.failed(denied, "AccessDenied"));
        }
      }
      if (second == rateStart) {
        for (int i = 0; i < 150; i++) {
          events.add(event(second + 1 + i, index++, "GetUser"));
        }
      }
    }
    return events;
  }

  private static List<Finding> hunt(List<CloudEvent> events) {
    return AnalyticsHarness.run(events, AnalyticsOptions.DEFAULTS, SavedState.EMPTY).findings();
  }

  private static CloudEvent event(int seconds, int index, String operation) {
    return TestHits.event("alice", seconds, index, "AKIAALICE", "10.0.0.1", operation);
  }

  private static long bucketOf(int second) {
    return Math.floorDiv(TestHits.T0.plusSeconds(second).toEpochMilli(), BUCKET_SECONDS * 1000L);
  }
}
