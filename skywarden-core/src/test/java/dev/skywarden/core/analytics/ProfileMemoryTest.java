package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Credential;
import dev.skywarden.core.finding.TestHits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What profiles retain per event: one evidence copy per event, however many profiles, buckets and
 * first-seen values keep it, and one string per distinct operation or network across buckets. Both
 * keep memory bounded by identities and distinct values rather than by the events' own objects.
 */
class ProfileMemoryTest {

  private static final int BUCKET_SECONDS = 300;
  private static final int BUCKETS = 200;
  private static final String[] OPERATIONS = {"ListUsers", "ListRoles", "GetUser", "DeleteUser"};

  @Test
  void evidence_sharedPerEvent() {
    AnalyticsRun run = feed(events(2));

    Set<Object> copies = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Profile profile : run.profiles()) {
      copies.addAll(evidence(profile));
    }
    Set<String> eventIds = new HashSet<>();
    for (Object copy : copies) {
      CloudEvent event =
          copy instanceof Evidence.Copy evidence ? evidence.event() : (CloudEvent) copy;
      eventIds.add(event.eventId());
    }

    assertThat(run.profiles()).as("a principal and a credential profile per user").hasSize(4);
    assertThat(eventIds).as("events kept as evidence").isNotEmpty();
    // Each event kept is one Evidence instance, plus one slimmed copy when it is also a profile's
    // first event, which is kept as a plain copy.
    assertThat(copies)
        .as("evidence instances against events kept")
        .hasSizeLessThanOrEqualTo(eventIds.size() + run.profiles().size());
  }

  @Test
  void bucketStrings_sharedAcrossBuckets() {
    AnalyticsRun run = feed(events(2));

    Map<String, Set<String>> instances = new java.util.HashMap<>();
    int buckets = 0;
    for (Profile profile : run.profiles()) {
      for (TimeBucket bucket : profile.buckets()) {
        buckets++;
        List<String> values = new ArrayList<>(bucket.discoveryOperations());
        values.addAll(bucket.deniedOperations());
        values.addAll(bucket.wideNetworks());
        for (String value : values) {
          instances
              .computeIfAbsent(value, v -> Collections.newSetFromMap(new IdentityHashMap<>()))
              .add(value);
        }
      }
    }

    assertThat(buckets).as("buckets kept").isEqualTo(4 * BUCKETS);
    assertThat(instances)
        .as("distinct values in buckets")
        .containsKeys("ListUsers", "198.51.0.0/16");
    for (Map.Entry<String, Set<String>> entry : instances.entrySet()) {
      assertThat(entry.getValue()).as("instances of " + entry.getKey()).hasSize(1);
    }
  }

  @Test
  void evidence_boundedWhenEventsGrowTenfold() {
    int few = evidence(feed(events(4)));
    int many = evidence(feed(events(40)));

    assertThat(few).as("evidence copies with 4 calls per bucket").isPositive();
    assertThat(many)
        .as("evidence copies with 40 calls per bucket, against %d with 4", few)
        .isLessThanOrEqualTo(few);
  }

  @Test
  void sessionCredentials_oneRunAndOneEvidenceEach() {
    // 50 sessions of one user, each used for eight hours from one network, a call a minute.
    List<CloudEvent> events = new ArrayList<>();
    int index = 0;
    for (int session = 0; session < 50; session++) {
      for (int minute = 0; minute < 8 * 60; minute++) {
        CloudEvent event =
            TestHits.event(
                "carol",
                session * 86_400 + minute * 60,
                index++,
                "ASIACAROL" + session,
                "198.51.100." + session % 200,
                "GetUser");
        events.add(
            TestHits.signedWith(
                event,
                new Credential(
                    event.credential().id(), Credential.CredentialKind.SESSION, Boolean.FALSE)));
      }
    }
    AnalyticsRun run = feed(events);

    int sessions = 0;
    for (Profile profile : run.profiles()) {
      if (profile.key().scope() != ProfileKey.Scope.CREDENTIAL) {
        continue;
      }
      sessions++;
      assertThat(profile.light()).as("light " + profile.key()).isTrue();
      assertThat(profile.buckets()).as("buckets of " + profile.key()).isEmpty();
      // Buckets kept 192 entries (96 buckets with a network each) and 96 evidence events per
      // session, where runs keep one each.
      assertThat(profile.retainedEntries()).as("entries of " + profile.key()).isEqualTo(1);
      assertThat(evidence(profile)).as("evidence of " + profile.key()).hasSize(1);
    }
    assertThat(sessions).as("session profiles").isEqualTo(50);
  }

  /**
   * Returns two users' calls: {@code perBucket} calls in each of {@link #BUCKETS} five-minute
   * buckets, cycling through the operations, every fourth denied. Each event has its own string
   * instances, as events parsed from a log do.
   */
  private static List<CloudEvent> events(int perBucket) {
    List<CloudEvent> events = new ArrayList<>();
    int index = 0;
    for (String user : List.of("alice", "bob")) {
      for (int bucket = 0; bucket < BUCKETS; bucket++) {
        for (int call = 0; call < perBucket; call++) {
          String operation = new String(OPERATIONS[call % OPERATIONS.length].toCharArray());
          CloudEvent event =
              TestHits.event(
                  user,
                  bucket * BUCKET_SECONDS + call % BUCKET_SECONDS,
                  index++,
                  "AKIA" + user.toUpperCase(java.util.Locale.ROOT),
                  "198.51.100.7",
                  operation);
          events.add(call % 4 == 3 ? TestHits.failed(event, "AccessDenied") : event);
        }
      }
    }
    return events;
  }

  private static AnalyticsRun feed(List<CloudEvent> events) {
    BehaviouralAnalytics analytics =
        new BehaviouralAnalytics(
            AnalyticsOptions.DEFAULTS, SavedState.EMPTY, state -> {}, AnalyticsHarness.CLOCK);
    AnalyticsRun run = (AnalyticsRun) analytics.startRun();
    for (CloudEvent event : events) {
      run.detect(event, hit -> {});
    }
    return run;
  }

  /** Returns the distinct evidence copies the run's profiles keep. */
  private static int evidence(AnalyticsRun run) {
    Set<Object> copies = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Profile profile : run.profiles()) {
      copies.addAll(evidence(profile));
    }
    return copies.size();
  }

  /** Returns the profile's first event and the {@link Evidence} its values and buckets keep. */
  private static List<Object> evidence(Profile profile) {
    List<Object> kept = new ArrayList<>();
    kept.add(profile.first());
    for (FeatureKind kind : FeatureKind.values()) {
      for (Profile.FeatureStats stats : profile.values(kind).values()) {
        kept.add(stats.first);
      }
    }
    for (TimeBucket bucket : profile.buckets()) {
      kept.add(bucket.first());
      kept.add(bucket.firstDenied());
      kept.add(bucket.firstDiscovery());
    }
    if (profile.networkRuns() != null) {
      for (NetworkRuns.Run run : profile.networkRuns().runs()) {
        kept.add(run.firstEvent);
      }
    }
    kept.removeIf(java.util.Objects::isNull);
    return kept;
  }
}
