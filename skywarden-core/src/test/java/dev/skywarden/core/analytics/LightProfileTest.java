package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Credential;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.finding.TestHits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Short-lived credentials (AWS session keys, tokens) get light profiles: buckets with networks and
 * first events for spread detection, and no feature values or operations. Their entries grow with
 * their buckets only, and each event's features are profiled once, for its principal.
 */
class LightProfileTest {

  private static final String[] OPERATIONS = {"ListUsers", "GetUser", "ListRoles", "DeleteUser"};

  /** Returns {@code perBucket} calls of one session in each of 12 five-minute buckets. */
  private static List<CloudEvent> session(int perBucket, String credentialId) {
    List<CloudEvent> events = new ArrayList<>();
    int index = 0;
    for (int bucket = 0; bucket < 12; bucket++) {
      for (int call = 0; call < perBucket; call++) {
        CloudEvent event =
            TestHits.event(
                "erin",
                bucket * 300 + call % 300,
                index++,
                credentialId,
                "10.0." + call % 7 + ".1",
                OPERATIONS[call % OPERATIONS.length] + call % 50);
        events.add(withKind(event, Credential.CredentialKind.SESSION));
      }
    }
    return events;
  }

  private static CloudEvent withKind(CloudEvent event, Credential.CredentialKind kind) {
    return TestHits.signedWith(event, new Credential(event.credential().id(), kind, Boolean.FALSE));
  }

  private static AnalyticsRun feed(List<CloudEvent> events) {
    AnalyticsRun run =
        (AnalyticsRun)
            new BehaviouralAnalytics(
                    AnalyticsOptions.DEFAULTS,
                    SavedState.EMPTY,
                    state -> {},
                    AnalyticsHarness.CLOCK)
                .startRun();
    for (CloudEvent event : events) {
      run.detect(event, hit -> {});
    }
    return run;
  }

  private static Profile profile(AnalyticsRun run, ProfileKey.Scope scope) {
    return run.profiles().stream().filter(p -> p.key().scope() == scope).findFirst().orElseThrow();
  }

  @Test
  void sessionCredential_isLightAndKeepsNoValues() {
    AnalyticsRun run = feed(session(40, "ASIAERIN1"));

    Profile credential = profile(run, ProfileKey.Scope.CREDENTIAL);
    Profile principal = profile(run, ProfileKey.Scope.PRINCIPAL);

    assertThat(credential.light()).as("session credential light").isTrue();
    assertThat(principal.light()).as("principal light").isFalse();
    for (FeatureKind kind : FeatureKind.values()) {
      assertThat(credential.values(kind)).as("credential values of " + kind).isEmpty();
    }
    assertThat(principal.values(FeatureKind.OPERATION)).as("principal operations").isNotEmpty();
    assertThat(credential.buckets()).as("credential buckets").hasSize(12);
    for (TimeBucket bucket : credential.buckets()) {
      assertThat(bucket.discoveryOperations()).as("discovery operations").isEmpty();
      assertThat(bucket.deniedOperations()).as("denied operations").isEmpty();
      assertThat(bucket.wideNetworks()).as("networks").containsExactly("10.0.0.0/16");
      assertThat(bucket.first).as("first event").isNotNull();
      assertThat(bucket)
          .as("bucket without operation fields")
          .isNotInstanceOf(TimeBucket.Full.class);
    }
    for (TimeBucket bucket : principal.buckets()) {
      assertThat(bucket).as("principal bucket").isInstanceOf(TimeBucket.Full.class);
    }
    // One bucket per five minutes, one network each: nothing else.
    assertThat(credential.retainedEntries()).isEqualTo(24);
  }

  @Test
  void sessionCredential_entriesDoNotGrowPerEvent() {
    long few =
        profile(feed(session(4, "ASIAERIN1")), ProfileKey.Scope.CREDENTIAL).retainedEntries();
    long many =
        profile(feed(session(200, "ASIAERIN1")), ProfileKey.Scope.CREDENTIAL).retainedEntries();

    assertThat(few).as("entries with 4 calls per bucket").isPositive();
    assertThat(many).as("entries with 200 calls per bucket, against %d with 4", few).isEqualTo(few);
  }

  @Test
  void accessKey_profileStaysFullAndSaved() {
    List<CloudEvent> events = new ArrayList<>();
    for (CloudEvent event : session(10, "AKIAERIN1")) {
      events.add(withKind(event, Credential.CredentialKind.ACCESS_KEY));
    }
    AnalyticsHarness.Outcome outcome =
        AnalyticsHarness.run(events, AnalyticsOptions.DEFAULTS, SavedState.EMPTY);
    AnalyticsRun run = feed(events);

    Profile credential = profile(run, ProfileKey.Scope.CREDENTIAL);
    assertThat(credential.light()).as("access key light").isFalse();
    assertThat(credential.values(FeatureKind.OPERATION)).as("access key operations").isNotEmpty();
    assertThat(outcome.state().identities().keySet())
        .as("saved identities")
        .extracting(ProfileKey::scope)
        .contains(ProfileKey.Scope.CREDENTIAL);
  }

  @Test
  void sessionSpread_sameEvidenceWhateverOrder() {
    List<CloudEvent> events = new ArrayList<>();
    int index = 0;
    // A quiet hour from one network in the training day, then two days later the session from
    // three networks far apart.
    for (int minute = 0; minute < 60; minute += 5) {
      events.add(sessionEvent(minute * 60, index++, "198.51.100.7"));
    }
    for (String ip : List.of("203.0.113.9", "192.0.2.44", "100.64.3.3")) {
      events.add(sessionEvent(2 * 86_400 + index * 40, index++, ip));
    }
    List<CloudEvent> reversed = new ArrayList<>(events);
    Collections.reverse(reversed);

    List<DetectionHit> forward = spread(events);
    List<DetectionHit> backward = spread(reversed);

    assertThat(forward).as("spread hits").hasSize(1);
    assertThat(backward).as("spread hits in reversed order").hasSize(1);
    assertThat(backward.get(0).event().eventId()).isEqualTo(forward.get(0).event().eventId());
    assertThat(backward.get(0).explanation()).isEqualTo(forward.get(0).explanation());
  }

  private static CloudEvent sessionEvent(int seconds, int index, String ip) {
    return withKind(
        TestHits.event("frank", seconds, index, "ASIAFRANK", ip, "ListBuckets"),
        Credential.CredentialKind.SESSION);
  }

  private static List<DetectionHit> spread(List<CloudEvent> events) {
    AnalyticsRun run = feed(events);
    List<DetectionHit> hits = new ArrayList<>();
    run.finish(
        hit -> {
          if (hit.ruleId().equals(BehaviouralDetection.CREDENTIAL_SPREAD.ruleId())) {
            hits.add(hit);
          }
        });
    return hits;
  }
}
