package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.event.Interner;
import dev.skywarden.core.event.NetworkInfo;
import dev.skywarden.core.event.NetworkKind;
import dev.skywarden.core.finding.TestHits;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts of the per-event update: a profile's recent feature values, a principal's link to
 * its latest credential, and the extractor's network values by address.
 */
class RecentFeaturesTest {

  private static final int MAX_VALUES = 3;
  private static final AnalyticsLimits LIMITS =
      new AnalyticsLimits(
          MAX_VALUES, 8064, 2016, Duration.ofMinutes(5), 64, 8, 256, Duration.ofDays(90));
  private static final String[] VALUES = {"a", "b", "c", "d", "e", "f"};
  private static final FeatureKind[] KINDS = {FeatureKind.NETWORK, FeatureKind.CLIENT};

  /**
   * Feeds random buffers, with values at shifting positions, equal values of other instances and
   * more distinct values than the cap, and compares the kept counts with a plain model of the cap.
   */
  @Test
  void randomBuffers_countsMatchModel() {
    Random random = new Random(7);
    Profile profile =
        new Profile(
            new ProfileKey(ProfileKey.Scope.PRINCIPAL, CloudProvider.AWS, "p"), LIMITS, null);
    EvidenceStore store = new EvidenceStore(new Interner());
    Map<FeatureKind, NavigableMap<String, Long>> model = new HashMap<>();
    Map<FeatureKind, Long> seen = new HashMap<>();

    for (int i = 0; i < 2_000; i++) {
      FeatureBuffer buffer = new FeatureBuffer();
      int size = 1 + random.nextInt(4);
      for (int j = 0; j < size; j++) {
        FeatureKind kind = KINDS[random.nextInt(KINDS.length)];
        String value = VALUES[random.nextInt(i < 1_000 ? 3 : VALUES.length)];
        // Every tenth value is an equal copy, which the identity check must not need.
        buffer.accept(kind, random.nextInt(10) == 0 ? new String(value) : value);
        addToModel(model, kind, value);
        seen.merge(kind, 1L, Long::sum);
      }
      CloudEvent event = TestHits.event("p", i, i, "AKIAP", "10.0.0.1", "GetUser");
      profile.add(new EventOrder.Shared(event, new Interner(), store), buffer, false, false);
    }

    for (FeatureKind kind : KINDS) {
      Map<String, Long> counts = new TreeMap<>();
      profile.values(kind).forEach((value, stats) -> counts.put(value, stats.count));
      long kept = counts.values().stream().mapToLong(Long::longValue).sum();
      assertThat(counts).as(kind.label()).isEqualTo(model.get(kind));
      assertThat(profile.droppedEvents(kind)).as(kind.label()).isEqualTo(seen.get(kind) - kept);
    }
  }

  /** Adds a value as the profile's per-kind cap does: the smallest values stay. */
  private static void addToModel(
      Map<FeatureKind, NavigableMap<String, Long>> model, FeatureKind kind, String value) {
    NavigableMap<String, Long> counts = model.computeIfAbsent(kind, k -> new TreeMap<>());
    if (!counts.containsKey(value) && counts.size() >= MAX_VALUES) {
      if (value.compareTo(counts.lastKey()) > 0) {
        return;
      }
      counts.remove(counts.lastKey());
    }
    counts.merge(value, 1L, Long::sum);
  }

  @Test
  void alternatingCredentials_eachCounted() {
    AnalyticsRun run =
        (AnalyticsRun)
            new BehaviouralAnalytics(
                    new AnalyticsOptions(null, AnalyticsLimits.DEFAULTS),
                    SavedState.EMPTY,
                    state -> {},
                    AnalyticsHarness.CLOCK)
                .startRun();
    String[] keys = {"AKIAONE", "AKIAONE", "AKIATWO", "AKIAONE", "AKIATWO", "AKIATWO", "AKIAONE"};

    for (int i = 0; i < keys.length; i++) {
      run.detect(TestHits.event("erin", i * 60, i, keys[i], "10.0.0.1", "GetUser"), hit -> {});
    }
    // Another principal with one of the same keys adds to the same credential profile.
    run.detect(TestHits.event("frank", 600, 99, "AKIATWO", "10.0.0.1", "GetUser"), hit -> {});

    Map<String, Long> events = new TreeMap<>();
    for (Profile profile : run.profiles()) {
      events.put(profile.key().scope().label() + " " + profile.key().id(), profile.events());
    }
    assertThat(events)
        .containsEntry("credential AKIAONE", 4L)
        .containsEntry("credential AKIATWO", 4L)
        .containsEntry("principal arn:aws:iam::111122223333:user/erin", 7L)
        .containsEntry("principal arn:aws:iam::111122223333:user/frank", 1L)
        .hasSize(4);
  }

  @Test
  void sameAddressOtherInfo_ownNetworkValues() {
    FeatureExtractor extractor = new FeatureExtractor(NotableParameters.bundled());
    CloudEvent plain = TestHits.event("gina", 0, 1, "AKIAGINA", "198.51.100.7", "GetUser");
    NetworkInfo aws =
        new NetworkInfo(NetworkKind.CLOUD_PROVIDER, "aws", "EC2", null, null, null, "US", null);
    NetworkInfo hosting =
        new NetworkInfo(
            NetworkKind.HOSTING, "example", null, null, 64500L, "Example Net", "NL", null);

    String first = networkFeatures(extractor, plain.withSource(plain.source().withNetwork(aws)));
    String second =
        networkFeatures(extractor, plain.withSource(plain.source().withNetwork(hosting)));
    String again = networkFeatures(extractor, plain.withSource(plain.source().withNetwork(aws)));
    String none = networkFeatures(extractor, plain);

    assertThat(first).isEqualTo("COUNTRY US, CLOUD_RANGE aws EC2");
    assertThat(second).isEqualTo("ASN AS64500 Example Net, COUNTRY NL");
    assertThat(again).isEqualTo(first);
    assertThat(none).isEmpty();
  }

  /** Returns the ASN, country and cloud range features of an event, joined with commas. */
  private static String networkFeatures(FeatureExtractor extractor, CloudEvent event) {
    FeatureBuffer buffer = new FeatureBuffer();
    extractor.extract(event, buffer);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < buffer.size(); i++) {
      FeatureKind kind = buffer.kind(i);
      if (kind == FeatureKind.ASN
          || kind == FeatureKind.COUNTRY
          || kind == FeatureKind.CLOUD_RANGE) {
        text.append(text.length() == 0 ? "" : ", ")
            .append(kind)
            .append(' ')
            .append(buffer.value(i));
      }
    }
    return text.toString();
  }
}
