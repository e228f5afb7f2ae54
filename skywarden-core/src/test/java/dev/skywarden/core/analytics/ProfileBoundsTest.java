package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.TestHits;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The analytics' heap during a hunt: the profiles must grow with identities, distinct values and
 * time buckets, never with the number of events, so a hunt of ten times the events of the same
 * organisation keeps the same state. (The saved state's file size is checked in SavedStateTest.)
 */
class ProfileBoundsTest {

  private static final String[] USERS = {"alice", "bob", "carol"};
  private static final String[] OPERATIONS = {"ListUsers", "GetUser", "ListRoles", "DeleteUser"};

  /**
   * Feeds {@code repeats} rounds of events to a run: each round has every user call every operation
   * from one of five addresses, all inside the same two hours.
   */
  private static AnalyticsRun runOver(int repeats, AnalyticsLimits limits) {
    AnalyticsRun run =
        (AnalyticsRun)
            new BehaviouralAnalytics(
                    new AnalyticsOptions(null, limits),
                    SavedState.EMPTY,
                    state -> {},
                    AnalyticsHarness.CLOCK)
                .startRun();
    int index = 0;
    for (int round = 0; round < repeats; round++) {
      for (String user : USERS) {
        for (String operation : OPERATIONS) {
          // Round r falls in five-minute bucket r % 24, so any run of 24 rounds or more fills the
          // same 24 buckets with the same users, operations and addresses.
          int seconds = (round % 24) * 300 + (round / 24) % 300;
          String ip = "10.0." + (round % 5) + ".1";
          String key = "AKIA" + user.toUpperCase(Locale.ROOT);
          CloudEvent event = TestHits.event(user, seconds, index++, key, ip, operation);
          run.detect(event, hit -> {});
        }
      }
    }
    return run;
  }

  private static long entries(AnalyticsRun run) {
    return run.profiles().stream().mapToLong(Profile::retainedEntries).sum();
  }

  @Test
  void tenTimesEvents_sameState() {
    AnalyticsRun small = runOver(200, AnalyticsLimits.DEFAULTS);
    AnalyticsRun large = runOver(2_000, AnalyticsLimits.DEFAULTS);

    // Three users, each with a principal and a credential profile.
    assertThat(small.profiles()).hasSize(6);
    assertThat(large.profiles()).hasSize(6);
    assertThat(entries(small)).isPositive();
    assertThat(entries(large)).isEqualTo(entries(small));
    assertThat(large.profiles().stream().mapToLong(Profile::events).sum())
        .isEqualTo(10 * small.profiles().stream().mapToLong(Profile::events).sum());
  }

  @Test
  void longSpan_bucketsCapped() {
    AnalyticsLimits limits =
        new AnalyticsLimits(512, 100, 20, Duration.ofMinutes(5), 64, 8, 256, Duration.ofDays(90));
    AnalyticsRun run = runOverDays(limits, 30);

    for (Profile profile : run.profiles()) {
      assertThat(profile.buckets().size()).as(profile.key().toString()).isEqualTo(120);
      assertThat(profile.earliestBuckets().size()).as(profile.key().toString()).isEqualTo(100);
    }
  }

  @Test
  void manyValues_valuesCappedPerKind() {
    AnalyticsLimits limits =
        new AnalyticsLimits(40, 8064, 2016, Duration.ofMinutes(5), 64, 8, 256, Duration.ofDays(90));
    AnalyticsRun run = runOverDays(limits, 2);

    for (Profile profile : run.profiles()) {
      assertThat(profile.values(FeatureKind.NETWORK)).as(profile.key().toString()).hasSize(40);
    }
  }

  /**
   * Returns the calls of one user every 10 minutes for {@code days} days, from a new address each
   * hour.
   */
  private static AnalyticsRun runOverDays(AnalyticsLimits limits, int days) {
    AnalyticsRun run =
        (AnalyticsRun)
            new BehaviouralAnalytics(
                    new AnalyticsOptions(null, limits),
                    SavedState.EMPTY,
                    state -> {},
                    AnalyticsHarness.CLOCK)
                .startRun();
    List<String> operations = List.of(OPERATIONS);
    for (int i = 0; i < days * 144; i++) {
      int hour = i / 6;
      String ip = "10." + (hour / 250) % 250 + "." + hour % 250 + ".1";
      run.detect(
          TestHits.event("dave", i * 600, i, "AKIADAVE", ip, operations.get(i % operations.size())),
          hit -> {});
    }
    return run;
  }
}
