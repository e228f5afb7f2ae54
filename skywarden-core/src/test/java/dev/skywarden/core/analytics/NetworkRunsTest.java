package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Interner;
import dev.skywarden.core.finding.TestHits;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The runs of a light profile's wide networks against the time buckets they replace: the spread
 * check in {@link BurstDetector} before runs, written out here as the reference, must give the same
 * verdict and networks on random inputs in any order.
 */
class NetworkRunsTest {

  private static final int BUCKET_SECONDS = 300;

  /** The spread window of one hour in five-minute buckets. */
  private static final int WINDOW = 12;

  private static final int TRIALS = 2_000;

  private static final Interner INTERNER = new Interner();

  /** One event of a credential: its wide network, bucket and the event itself. */
  private record Call(String network, long bucket, CloudEvent event) {}

  /** The first spread as the bucket algorithm finds it, with the evidence runs should give. */
  private record Expected(
      long endBucket, List<String> networks, String eventId, long calls, long lastMillis) {}

  @Test
  void firstSpread_matchesBucketAlgorithm() {
    Random random = new Random(20261205);
    int spreads = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      List<Call> calls = randomCalls(random);
      Set<String> known = randomKnown(random);
      List<Call> shuffled = new ArrayList<>(calls);
      Collections.shuffle(shuffled, random);

      Expected expected = bucketSpread(calls, known, Integer.MAX_VALUE);
      NetworkRuns runs = feed(shuffled, Integer.MAX_VALUE);
      NetworkRuns.Spread spread = runs.firstSpread(BurstDetector.SPREAD_NETWORKS, known);

      String context = "trial " + trial + ", runs " + runs.runs() + ", known " + known;
      if (expected == null) {
        assertThat(spread).as(context).isNull();
        continue;
      }
      spreads++;
      assertThat(spread).as(context).isNotNull();
      assertThat(spread.endBucket()).as("end bucket, " + context).isEqualTo(expected.endBucket());
      assertThat(spread.networks()).as("networks, " + context).isEqualTo(expected.networks());
      assertThat(evidenceOf(spread)).as("evidence, " + context).isEqualTo(expected.eventId());
      assertThat(callsOf(spread)).as("calls, " + context).isEqualTo(expected.calls());
      assertThat(lastMillisOf(spread)).as("last time, " + context).isEqualTo(expected.lastMillis());
    }
    // The inputs must exercise both verdicts, or the comparison proves little.
    assertThat(spreads).as("trials with a spread").isBetween(TRIALS / 10, TRIALS - TRIALS / 10);
  }

  @Test
  void firstSpread_matchesBucketAlgorithmWithNetworkCap() {
    Random random = new Random(7);
    for (int trial = 0; trial < TRIALS; trial++) {
      List<Call> calls = randomCalls(random);
      Set<String> known = randomKnown(random);
      int cap = 1 + random.nextInt(5);
      List<Call> shuffled = new ArrayList<>(calls);
      Collections.shuffle(shuffled, random);

      Expected expected = bucketSpread(calls, known, cap);
      NetworkRuns.Spread spread = feed(shuffled, cap).firstSpread(3, known);

      String context = "trial " + trial + ", cap " + cap;
      if (expected == null) {
        assertThat(spread).as(context).isNull();
      } else {
        assertThat(spread).as(context).isNotNull();
        assertThat(spread.endBucket()).as(context).isEqualTo(expected.endBucket());
        assertThat(spread.networks()).as(context).isEqualTo(expected.networks());
      }
    }
  }

  @Test
  void runs_sameWhateverOrder() {
    Random random = new Random(11);
    for (int trial = 0; trial < TRIALS; trial++) {
      List<Call> calls = randomCalls(random);
      List<Call> shuffled = new ArrayList<>(calls);
      Collections.shuffle(shuffled, random);

      NetworkRuns forward = feed(calls, Integer.MAX_VALUE);
      NetworkRuns mixed = feed(shuffled, Integer.MAX_VALUE);

      assertThat(describe(mixed)).as("trial " + trial).isEqualTo(describe(forward));
      assertThat(describe(forward)).as("trial " + trial).isEqualTo(componentsOf(calls));
    }
  }

  @Test
  void add_bridgingBucketMergesRuns() {
    List<Call> calls = new ArrayList<>();
    calls.add(call("a", 0, 0));
    calls.add(call("a", 30, 1));
    calls.add(call("b", 5, 2));
    NetworkRuns runs = feed(calls, Integer.MAX_VALUE);
    assertThat(describe(runs)).containsExactly("a [0, 0] 1", "a [30, 30] 1", "b [5, 5] 1");

    // Bucket 15 lies more than the window from both runs of a, so it starts a third. Bucket 12
    // then bridges the first two, and bucket 20 the rest.
    runs.add("a", 15, shared(call("a", 15, 3).event()));
    assertThat(describe(runs))
        .containsExactly("a [0, 0] 1", "a [15, 15] 1", "a [30, 30] 1", "b [5, 5] 1");
    runs.add("a", 12, shared(call("a", 12, 4).event()));
    runs.add("a", 20, shared(call("a", 20, 5).event()));
    assertThat(describe(runs)).containsExactly("a [0, 30] 1", "b [5, 5] 1");
  }

  @Test
  void add_earlierBucketRestartsFirstBucketFigures() {
    NetworkRuns runs = new NetworkRuns(WINDOW, 8);
    for (int index = 0; index < 3; index++) {
      runs.add("a", 10, shared(call("a", 10, index).event()));
    }
    assertThat(runs.runs().get(0).firstBucketCalls).as("calls in bucket 10").isEqualTo(3);

    CloudEvent earlier = call("a", 4, 9).event();
    runs.add("a", 4, shared(earlier));

    NetworkRuns.Run run = runs.runs().get(0);
    assertThat(run.first).as("first bucket").isEqualTo(4);
    assertThat(run.last).as("last bucket").isEqualTo(10);
    assertThat(run.firstBucketCalls).as("calls in bucket 4").isEqualTo(1);
    assertThat(run.firstBucketLastMillis).isEqualTo(earlier.time().toEpochMilli());
    assertThat(((Evidence.Copy) run.firstEvent).event().eventId()).isEqualTo(earlier.eventId());
  }

  @Test
  void add_capKeepsSmallestNetworks() {
    NetworkRuns runs = new NetworkRuns(WINDOW, 2);
    int index = 0;
    for (String network : List.of("d", "b", "c", "e", "a", "d")) {
      runs.add(network, 0, shared(call(network, 0, index++).event()));
    }

    assertThat(describe(runs)).containsExactly("a [0, 0] 1", "b [0, 0] 1");
  }

  @Test
  void constructor_rejectsEmptyWindow() {
    assertThatThrownBy(() -> new NetworkRuns(0, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window of 0 buckets");
  }

  @Test
  void spreadWindowBuckets_atLeastOneBucket() {
    assertThat(BurstDetector.spreadWindowBuckets(java.time.Duration.ofMinutes(5))).isEqualTo(12);
    assertThat(BurstDetector.spreadWindowBuckets(java.time.Duration.ofHours(2))).isEqualTo(1);
  }

  /**
   * Returns up to 60 calls over 150 buckets from up to six networks, clustered in a few bursts so
   * that runs form, merge and stay apart.
   */
  private static List<Call> randomCalls(Random random) {
    int networks = 2 + random.nextInt(5);
    int count = 1 + random.nextInt(60);
    int clusters = 1 + random.nextInt(4);
    long[] centres = new long[clusters];
    for (int i = 0; i < clusters; i++) {
      centres[i] = random.nextInt(150);
    }
    List<Call> calls = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      long bucket = Math.max(0, centres[random.nextInt(clusters)] + random.nextInt(31) - 15);
      String network = "n" + random.nextInt(networks);
      int second = (int) bucket * BUCKET_SECONDS + random.nextInt(BUCKET_SECONDS);
      // A few calls share a second, so the order falls to the record index.
      if (random.nextInt(8) == 0) {
        second = (int) bucket * BUCKET_SECONDS;
      }
      calls.add(
          new Call(
              network,
              bucket,
              TestHits.event("erin", second, index, "ASIAERIN", "203.0.113.9", "ListBuckets")));
    }
    return calls;
  }

  private static Set<String> randomKnown(Random random) {
    Set<String> known = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      if (random.nextInt(3) == 0) {
        known.add("n" + i);
      }
    }
    return known;
  }

  private static Call call(String network, long bucket, int index) {
    return new Call(
        network,
        bucket,
        TestHits.event(
            "erin",
            (int) bucket * BUCKET_SECONDS + index,
            index,
            "ASIAERIN",
            "203.0.113.9",
            "ListBuckets"));
  }

  private static EventOrder.Shared shared(CloudEvent event) {
    return new EventOrder.Shared(event, INTERNER, new EvidenceStore(INTERNER));
  }

  private static NetworkRuns feed(List<Call> calls, int maxNetworks) {
    NetworkRuns runs = new NetworkRuns(WINDOW, maxNetworks);
    for (Call call : calls) {
      runs.add(call.network(), call.bucket(), shared(call.event()));
    }
    return runs;
  }

  /** Returns each run as "network [first, last] calls in the first bucket". */
  private static List<String> describe(NetworkRuns runs) {
    List<String> described = new ArrayList<>();
    for (NetworkRuns.Run run : runs.runs()) {
      described.add(run + " " + run.firstBucketCalls);
    }
    return described;
  }

  /**
   * Returns the runs {@link #describe} should list: per network, its distinct buckets split where
   * two in a row lie more than the window apart.
   */
  private static List<String> componentsOf(List<Call> calls) {
    Map<String, TreeMap<Long, Integer>> perNetwork = new TreeMap<>();
    for (Call call : calls) {
      perNetwork
          .computeIfAbsent(call.network(), n -> new TreeMap<>())
          .merge(call.bucket(), 1, Integer::sum);
    }
    List<String> components = new ArrayList<>();
    perNetwork.forEach(
        (network, buckets) -> {
          long first = -1;
          long last = -1;
          for (long bucket : buckets.keySet()) {
            if (first >= 0 && bucket - last > WINDOW) {
              components.add(network + " [" + first + ", " + last + "] " + buckets.get(first));
              first = -1;
            }
            if (first < 0) {
              first = bucket;
            }
            last = bucket;
          }
          components.add(network + " [" + first + ", " + last + "] " + buckets.get(first));
        });
    return components;
  }

  /**
   * Finds the first spread with the reference, the check over time buckets that {@link
   * BurstDetector} made before runs. Each bucket keeps the distinct networks of its calls; a window
   * of {@link #WINDOW} buckets ends at each bucket in turn, and the first whose networks number at
   * least three, not all known, is the spread. With a cap, only the {@code maxNetworks} smallest
   * networks count. The evidence runs give is the first call in that bucket of a network that was
   * not in the window ending one bucket earlier, and the calls and last time are those networks' in
   * that bucket.
   */
  private static Expected bucketSpread(List<Call> calls, Set<String> known, int maxNetworks) {
    TreeSet<String> kept = new TreeSet<>();
    for (Call call : calls) {
      kept.add(call.network());
    }
    while (kept.size() > maxNetworks) {
      kept.pollLast();
    }
    TreeMap<Long, TreeSet<String>> buckets = new TreeMap<>();
    for (Call call : calls) {
      if (kept.contains(call.network())) {
        buckets.computeIfAbsent(call.bucket(), b -> new TreeSet<>()).add(call.network());
      }
    }
    Deque<Long> recent = new ArrayDeque<>();
    for (long bucket : buckets.keySet()) {
      recent.addLast(bucket);
      while (recent.getFirst() <= bucket - WINDOW) {
        recent.removeFirst();
      }
      TreeSet<String> networks = new TreeSet<>();
      for (long item : recent) {
        networks.addAll(buckets.get(item));
      }
      if (networks.size() < 3 || known.containsAll(networks)) {
        continue;
      }
      // The networks already in the window that ends one bucket earlier did not join here.
      Set<String> before = new HashSet<>();
      for (long item : buckets.subMap(bucket - WINDOW, bucket).keySet()) {
        before.addAll(buckets.get(item));
      }
      CloudEvent first = null;
      long count = 0;
      long lastMillis = Long.MIN_VALUE;
      for (Call call : calls) {
        if (call.bucket() != bucket
            || before.contains(call.network())
            || !kept.contains(call.network())) {
          continue;
        }
        count++;
        lastMillis = Math.max(lastMillis, call.event().time().toEpochMilli());
        if (first == null || EventOrder.FIRST.compare(call.event(), first) < 0) {
          first = call.event();
        }
      }
      return new Expected(bucket, List.copyOf(networks), first.eventId(), count, lastMillis);
    }
    return null;
  }

  /** Returns the event id of the first event of the runs that start the spread. */
  private static String evidenceOf(NetworkRuns.Spread spread) {
    Evidence first = null;
    for (NetworkRuns.Run run : spread.starting()) {
      if (first == null || EventOrder.compare(run.firstEvent, first, null) < 0) {
        first = run.firstEvent;
      }
    }
    return ((Evidence.Copy) first).event().eventId();
  }

  private static long callsOf(NetworkRuns.Spread spread) {
    return spread.starting().stream().mapToLong(run -> run.firstBucketCalls).sum();
  }

  private static long lastMillisOf(NetworkRuns.Spread spread) {
    return spread.starting().stream()
        .mapToLong(run -> run.firstBucketLastMillis)
        .max()
        .orElseThrow();
  }
}
