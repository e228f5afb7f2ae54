package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Credential;
import dev.skywarden.core.finding.Behaviour;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.TestHits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Short-lived credentials (AWS session keys, tokens) get light profiles: runs of buckets per wide
 * network for spread detection ({@link NetworkRuns}), and no feature values or buckets. Their
 * entries grow with their runs only, and each event's features are profiled once, for its
 * principal.
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
    assertThat(credential.buckets()).as("credential buckets").isEmpty();
    assertThat(principal.buckets()).as("principal buckets").hasSize(12);
    assertThat(principal.networkRuns()).as("principal network runs").isNull();
    // Twelve buckets in a row from one network make one run.
    long firstBucket = TestHits.T0.toEpochMilli() / 300_000;
    assertThat(credential.networkRuns().runs())
        .as("credential runs")
        .extracting(NetworkRuns.Run::toString)
        .containsExactly("10.0.0.0/16 [" + firstBucket + ", " + (firstBucket + 11) + "]");
    NetworkRuns.Run networkRun = credential.networkRuns().runs().get(0);
    assertThat(networkRun.firstEvent).as("first event of the run").isNotNull();
    assertThat(networkRun.firstBucketCalls).as("calls in the first bucket").isEqualTo(40);
    assertThat(credential.retainedEntries()).isEqualTo(1);
    assertThat(credential.events()).as("events").isEqualTo(12 * 40);
    assertThat(credential.principal()).as("principal").isEqualTo(principal.key());
    assertThat(credential.first()).as("no first event copy").isNull();
    assertThat(credential.firstSeen()).as("first seen").isEqualTo(TestHits.T0);
  }

  @Test
  void sessionCredential_entriesDoNotGrowWithHours() {
    long hour =
        profile(feed(session(10, "ASIAERIN1")), ProfileKey.Scope.CREDENTIAL).retainedEntries();
    List<CloudEvent> day = new ArrayList<>();
    int index = 0;
    for (int minute = 0; minute < 24 * 60; minute += 2) {
      day.add(
          withKind(
              TestHits.event("erin", minute * 60, index++, "ASIAERIN1", "10.0.0.1", "GetUser"),
              Credential.CredentialKind.SESSION));
    }
    Profile credential = profile(feed(day), ProfileKey.Scope.CREDENTIAL);

    assertThat(credential.retainedEntries())
        .as("entries for a day of calls, against %d for an hour", hour)
        .isEqualTo(hour);
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

  @Test
  void sessionSpread_acrossTrainingEndShowsThisHunt() {
    List<CloudEvent> events = new ArrayList<>();
    int index = 0;
    // The session's quiet hour lies in the training day, and its spread two days later.
    for (int minute = 0; minute < 60; minute += 5) {
      events.add(sessionEvent(minute * 60, index++, "198.51.100.7"));
    }
    for (String ip : List.of("203.0.113.9", "192.0.2.44", "100.64.3.3")) {
      events.add(sessionEvent(2 * 86_400 + index * 40, index++, ip));
    }

    List<DetectionHit> hits = spread(events);

    assertThat(hits).as("spread hits").hasSize(1);
    Behaviour.History history = hits.get(0).behaviour().history();
    assertThat(history.source()).as("history source").isEqualTo("this hunt");
    assertThat(history.events()).as("history events").isEqualTo(15);
    assertThat(history.firstSeen()).as("history first seen").isEqualTo(TestHits.T0);
  }

  @Test
  void sessionSpread_sameNetworksAsFullProfile() {
    Random random = new Random(5);
    int reported = 0;
    for (int trial = 0; trial < 40; trial++) {
      List<CloudEvent> events = randomSessions(random);
      List<CloudEvent> asKeys = new ArrayList<>();
      for (CloudEvent event : events) {
        asKeys.add(withKind(event, Credential.CredentialKind.ACCESS_KEY));
      }

      Map<String, String> light = spreadNetworks(spread(events));
      Map<String, String> full = spreadNetworks(spread(asKeys));

      assertThat(light).as("spread per credential, trial " + trial).isEqualTo(full);
      reported += light.size();
    }
    // Six sessions per trial: some must be reported and some not, or the comparison proves little.
    assertThat(reported).as("sessions reported of 240").isBetween(24, 216);
  }

  @Test
  void sessionSpread_sameFindingsWhateverOrderAndThreads() {
    Random random = new Random(9);
    for (int trial = 0; trial < 10; trial++) {
      List<CloudEvent> events = randomSessions(random);
      List<CloudEvent> shuffled = new ArrayList<>(events);
      Collections.shuffle(shuffled, random);

      List<Finding> one =
          AnalyticsHarness.run(events, AnalyticsOptions.DEFAULTS, SavedState.EMPTY, 1)
              .behavioural();
      List<Finding> four =
          AnalyticsHarness.run(shuffled, AnalyticsOptions.DEFAULTS, SavedState.EMPTY, 4)
              .behavioural();

      assertThat(four).as("findings on 4 threads in another order, trial " + trial).isEqualTo(one);
    }
  }

  /**
   * Returns a quiet training hour of frank's from one network, then on the next day six sessions of
   * a few hours, each from a random few of six networks far apart.
   */
  private static List<CloudEvent> randomSessions(Random random) {
    String[] ips = {
      "198.51.100.7", "203.0.113.9", "192.0.2.44", "100.64.3.3", "172.16.5.5", "10.1.2.3"
    };
    List<CloudEvent> events = new ArrayList<>();
    int index = 0;
    for (int minute = 0; minute < 60; minute += 5) {
      events.add(sessionEvent(minute * 60, index++, ips[0]));
    }
    for (int session = 0; session < 6; session++) {
      String credential = "ASIAFRANK" + session;
      int start = 86_400 + random.nextInt(20) * 3_600;
      int networks = 1 + random.nextInt(ips.length);
      int calls = 5 + random.nextInt(40);
      for (int call = 0; call < calls; call++) {
        int seconds = start + random.nextInt(3 * 3_600);
        String ip = ips[random.nextInt(networks)];
        events.add(
            withKind(
                TestHits.event("frank", seconds, index++, credential, ip, "ListBuckets"),
                Credential.CredentialKind.SESSION));
      }
    }
    return events;
  }

  /** Returns, per credential reported for spread, its severity and the networks it lists. */
  private static Map<String, String> spreadNetworks(List<DetectionHit> hits) {
    Map<String, String> networks = new TreeMap<>();
    for (DetectionHit hit : hits) {
      String value = hit.behaviour().features().get(0).value();
      networks.put(hit.behaviour().identity(), hit.severity() + " " + value);
    }
    return networks;
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
