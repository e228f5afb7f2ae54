package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.TestHits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attack burst must not teach the saved call-rate baseline that bursts are normal: the same
 * burst on the next day fires again.
 */
class BurstBaselineTest {

  private static final int DAY = 86_400;
  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";

  @TempDir Path folder;

  @Test
  void burstDay_nextDaySameBurstFires() throws IOException {
    SavedState quietDay = saveAndRead("quiet", hunt(quietDay(), SavedState.EMPTY));
    IdentityHistory.RateBaseline quietRate = alice(quietDay).rate();

    AnalyticsHarness.Outcome burstDay = hunt(bursts(DAY), quietDay);
    SavedState afterBursts = saveAndRead("bursts", burstDay);
    AnalyticsHarness.Outcome nextDay = hunt(bursts(2 * DAY), afterBursts);

    assertThat(rules(burstDay.findings()))
        .contains(
            BehaviouralDetection.DISCOVERY_BURST.ruleId(),
            BehaviouralDetection.ERROR_RATE.ruleId());
    IdentityHistory.RateBaseline learnt = alice(afterBursts).rate();
    assertThat(learnt.maxDistinctDiscovery())
        .as("the discovery burst is left out")
        .isEqualTo(quietRate.maxDistinctDiscovery());
    assertThat(learnt.failed()).as("the failed burst is left out").isZero();
    assertThat(learnt.activeBuckets())
        .as("the ordinary bucket of the burst day is learnt")
        .isEqualTo(quietRate.activeBuckets() + 1);
    assertThat(rules(nextDay.findings()))
        .contains(
            BehaviouralDetection.DISCOVERY_BURST.ruleId(),
            BehaviouralDetection.ERROR_RATE.ruleId());
  }

  /** Returns 20 five-minute buckets of three ordinary calls each, one of them a discovery call. */
  private static List<CloudEvent> quietDay() {
    List<CloudEvent> events = new ArrayList<>();
    for (int bucket = 0; bucket < 20; bucket++) {
      int at = bucket * 600;
      events.add(event(at, events.size(), "ListUsers"));
      events.add(event(at + 10, events.size(), "GetUser"));
      events.add(event(at + 20, events.size(), "GetUser"));
    }
    return events;
  }

  /**
   * Returns one ordinary bucket, one bucket of 25 distinct discovery calls, one of 40 calls of
   * which 30 are denied, starting {@code day} seconds after the quiet day.
   */
  private static List<CloudEvent> bursts(int day) {
    List<CloudEvent> events = new ArrayList<>();
    int index = day;
    events.add(event(day, index++, "GetUser"));
    for (int i = 0; i < 25; i++) {
      events.add(event(day + 3600 + i, index++, "ListThings" + i));
    }
    for (int i = 0; i < 40; i++) {
      CloudEvent call = event(day + 7200 + i, index++, "GetUser");
      events.add(i < 30 ? TestHits.failed(call, "AccessDenied") : call);
    }
    return events;
  }

  private static CloudEvent event(int seconds, int index, String operation) {
    return TestHits.event("alice", seconds, index, "AKIAALICE", "10.0.0.1", operation);
  }

  private static AnalyticsHarness.Outcome hunt(List<CloudEvent> events, SavedState saved) {
    return AnalyticsHarness.run(events, AnalyticsOptions.DEFAULTS, saved);
  }

  private SavedState saveAndRead(String name, AnalyticsHarness.Outcome outcome) throws IOException {
    StateFile.write(folder.resolve(name), outcome.state());
    return StateFile.read(folder.resolve(name));
  }

  private static IdentityHistory alice(SavedState state) {
    return state.identities().values().stream()
        .filter(h -> h.key().scope() == ProfileKey.Scope.PRINCIPAL)
        .filter(h -> h.key().id().equals(ALICE))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> rules(List<Finding> findings) {
    return findings.stream().map(Finding::ruleId).toList();
  }
}
