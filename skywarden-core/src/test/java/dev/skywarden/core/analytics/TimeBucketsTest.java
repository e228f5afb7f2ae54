package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Interner;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.finding.TestHits;
import dev.skywarden.core.hunt.RecordRereader;
import dev.skywarden.core.input.LogReader;
import dev.skywarden.core.normalize.EventNormalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The parallel arrays of a profile's time buckets against one object per bucket, the store they
 * replace: written out here as the reference model, it must give the same buckets, counts, times,
 * sets and evidence on random inputs in any order.
 */
class TimeBucketsTest {

  private static final Duration WIDTH = Duration.ofMinutes(5);

  private static final int BUCKET_SECONDS = 300;

  private static final int MAX_OPERATIONS = 4;

  private static final int MAX_NETWORKS = 2;

  private static final int TRIALS = 400;

  private static final String[] OPERATIONS = {
    "ListUsers", "ListRoles", "GetUser", "DescribeInstances", "ListBuckets", "CreateUser"
  };

  private static final String[] ADDRESSES = {
    "198.51.100.7", "203.0.113.9", "192.0.2.1", "10.1.2.3", "172.16.0.1"
  };

  /** One event with what the profile passes along: whether it is discovery and denied. */
  private record Call(CloudEvent event, boolean discovery, boolean denied) {}

  /** The old bucket: one object per bucket, fields updated per event. */
  private static final class ModelBucket {
    int calls;
    int failed;
    long lastMillis = Long.MIN_VALUE;
    Evidence first;
    Evidence firstDenied;
    Evidence firstDiscovery;
    final TreeSet<String> networks = new TreeSet<>();
    final TreeSet<String> denied = new TreeSet<>();
    final TreeSet<String> discovery = new TreeSet<>();
  }

  /** The old store: a sorted map of buckets with the same cap, earliest kept. */
  private static final class Model {
    final int maxBuckets;
    final TreeMap<Long, ModelBucket> buckets = new TreeMap<>();

    Model(int maxBuckets) {
      this.maxBuckets = maxBuckets;
    }

    void add(EventOrder.Shared shared, boolean discovery, boolean denied) {
      CloudEvent event = shared.event();
      long millis = event.time().toEpochMilli();
      long index = Math.floorDiv(millis, WIDTH.toMillis());
      ModelBucket bucket = buckets.get(index);
      if (bucket == null) {
        if (buckets.size() >= maxBuckets) {
          if (index > buckets.lastKey()) {
            return;
          }
          buckets.pollLastEntry();
        }
        bucket = new ModelBucket();
        buckets.put(index, bucket);
      }

      bucket.calls++;
      if (!event.outcome().success()) {
        bucket.failed++;
      }
      bucket.lastMillis = Math.max(bucket.lastMillis, millis);
      if (EventOrder.earlier(event, bucket.first, shared.inputs())) {
        bucket.first = shared.evidence();
      }

      String network = shared.wideNetwork();
      if (network != null) {
        addCapped(bucket.networks, network, MAX_NETWORKS);
      }
      String operation = event.api().operation();
      if (denied) {
        addCapped(bucket.denied, operation, MAX_OPERATIONS);
        if (EventOrder.earlier(event, bucket.firstDenied, shared.inputs())) {
          bucket.firstDenied = shared.evidence();
        }
      }
      if (discovery) {
        addCapped(bucket.discovery, operation, MAX_OPERATIONS);
        if (EventOrder.earlier(event, bucket.firstDiscovery, shared.inputs())) {
          bucket.firstDiscovery = shared.evidence();
        }
      }
    }

    private static void addCapped(NavigableSet<String> set, String value, int max) {
      set.add(value);
      if (set.size() > max) {
        set.pollLast();
      }
    }
  }

  @Test
  void randomInputs_matchOneObjectPerBucket_references() {
    compareOnRandomInputs(new Random(20261205), true);
  }

  @Test
  void randomInputs_matchOneObjectPerBucket_copies() {
    compareOnRandomInputs(new Random(42), false);
  }

  @Test
  void randomInputs_sameWhateverOrder() {
    Random random = new Random(99);
    for (int trial = 0; trial < TRIALS / 4; trial++) {
      List<Call> calls = randomCalls(random);
      int maxBuckets = 1 + random.nextInt(8);
      EvidenceStore store = store(true);
      List<Call> shuffled = new ArrayList<>(calls);
      Collections.shuffle(shuffled, random);

      List<String> forward = describe(feed(calls, maxBuckets, store), store.inputs());
      List<String> reordered = describe(feed(shuffled, maxBuckets, store), store.inputs());

      assertThat(reordered).as("trial " + trial).isEqualTo(forward);
    }
  }

  @Test
  void cap_keepsEarliestWhateverOrder() {
    EvidenceStore store = store(true);
    TimeBuckets forward = buckets(10);
    TimeBuckets backward = buckets(10);

    for (int i = 0; i < 30; i++) {
      forward.add(shared(call(i * BUCKET_SECONDS, i), store), false, false);
      backward.add(shared(call((29 - i) * BUCKET_SECONDS, 100 + i), store), false, false);
    }

    List<Long> earliest = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      earliest.add(bucketOf(i * BUCKET_SECONDS));
    }
    assertThat(indexes(forward)).isEqualTo(earliest);
    assertThat(indexes(backward)).isEqualTo(earliest);

    forward.add(shared(call(40 * BUCKET_SECONDS, 200), store), false, false);
    assertThat(indexes(forward))
        .as("after a bucket later than a full set's last")
        .isEqualTo(earliest);
  }

  @Test
  void cap_earlierBucketAfterFullSet_dropsLast() {
    EvidenceStore store = store(true);
    TimeBuckets buckets = buckets(3);
    for (int i = 1; i <= 3; i++) {
      buckets.add(shared(call(i * BUCKET_SECONDS, i), store), true, false);
    }

    buckets.add(shared(call(7, 9), store), false, true);

    List<TimeBucket> sorted = buckets.sorted();
    assertThat(indexes(buckets))
        .containsExactly(bucketOf(0), bucketOf(BUCKET_SECONDS), bucketOf(2 * BUCKET_SECONDS));
    assertThat(sorted.get(0).firstDenied()).as("new bucket's denied event").isNotNull();
    assertThat(sorted.get(0).firstDiscovery()).as("new bucket's discovery event").isNull();
    assertThat(sorted.get(1).firstDiscovery()).as("shifted bucket's discovery event").isNotNull();
    assertThat(sorted.get(1).firstDenied()).as("shifted bucket's denied event").isNull();
  }

  @Test
  void lateSetNeverFull_keepsEveryBucket() {
    Random random = new Random(7);
    for (int trial = 0; trial < TRIALS / 4; trial++) {
      List<Call> calls = randomCalls(random);
      int maxBuckets = 1 + random.nextInt(8);
      EvidenceStore store = store(true);
      List<Call> shuffled = new ArrayList<>(calls);
      Collections.shuffle(shuffled, random);
      Model model = new Model(Integer.MAX_VALUE);
      // Ten late buckets hold every bucket of randomCalls beyond the earliest set.
      TimeBuckets forward = new TimeBuckets(maxBuckets, 10, WIDTH, MAX_OPERATIONS, MAX_NETWORKS);
      TimeBuckets reordered = new TimeBuckets(maxBuckets, 10, WIDTH, MAX_OPERATIONS, MAX_NETWORKS);
      for (Call call : calls) {
        EventOrder.Shared shared = shared(call.event(), store);
        model.add(shared, call.discovery(), call.denied());
        forward.add(shared, call.discovery(), call.denied());
      }
      for (Call call : shuffled) {
        reordered.add(shared(call.event(), store), call.discovery(), call.denied());
      }

      List<String> expected = describe(model, store.inputs());
      assertThat(describe(forward, store.inputs())).as("trial " + trial).isEqualTo(expected);
      assertThat(describe(reordered, store.inputs())).as("trial " + trial).isEqualTo(expected);
      assertThat(reordered.earliest())
          .as("earliest set of trial " + trial)
          .hasSize(Math.min(maxBuckets, expected.size()));
    }
  }

  @Test
  void lateSet_earlierBucketMovesLastWithCounts() {
    EvidenceStore store = store(true);
    TimeBuckets buckets = buckets(3, 2);
    for (int i = 1; i <= 3; i++) {
      buckets.add(shared(call(i * BUCKET_SECONDS, i), store), false, false);
    }
    buckets.add(shared(call(3 * BUCKET_SECONDS + 5, 4), store), true, false);

    buckets.add(shared(call(7, 9), store), false, false);

    assertThat(indexes(buckets))
        .containsExactly(
            bucketOf(0), bucketOf(BUCKET_SECONDS), bucketOf(2 * BUCKET_SECONDS), bucketOf(900));
    assertThat(buckets.earliest()).hasSize(3);
    TimeBucket moved = buckets.sorted().get(3);
    assertThat(moved.calls).as("calls of the moved bucket").isEqualTo(2);
    assertThat(moved.discoveryOperations()).containsExactly("ListUsers");
    assertThat(buckets.droppedEvents()).isZero();
  }

  @Test
  void lateSet_full_evictsQuietBucketKeepsEnumeration() {
    EvidenceStore store = store(true);
    TimeBuckets buckets = buckets(2, 2);
    quiet(buckets, store, 0);
    quiet(buckets, store, 1);
    quiet(buckets, store, 2);
    enumeration(buckets, store, 3);

    quiet(buckets, store, 4);
    quiet(buckets, store, 5);

    assertThat(indexes(buckets)).containsExactly(at(0), at(1), at(3), at(5));
    assertThat(buckets.sorted().get(2).deniedOperations()).hasSize(10);
    assertThat(buckets.droppedEvents()).isZero();
  }

  @Test
  void lateSet_full_evictsBatch() {
    EvidenceStore store = store(true);
    TimeBuckets buckets = buckets(1, 32);
    for (int bucket = 0; bucket <= 32; bucket++) {
      quiet(buckets, store, bucket);
    }
    quiet(buckets, store, 1);

    quiet(buckets, store, 33);

    List<Long> expected = new ArrayList<>(List.of(at(0), at(1)));
    for (int bucket = 4; bucket <= 33; bucket++) {
      expected.add(at(bucket));
    }
    assertThat(indexes(buckets)).isEqualTo(expected);
  }

  @Test
  void lateSet_full_evictsLeastRecentlyTouched() {
    EvidenceStore store = store(true);
    TimeBuckets buckets = buckets(1, 2);
    quiet(buckets, store, 0);
    quiet(buckets, store, 2);
    quiet(buckets, store, 3);
    quiet(buckets, store, 2);

    quiet(buckets, store, 4);

    assertThat(indexes(buckets)).containsExactly(at(0), at(2), at(4));
  }

  @Test
  void lateSet_touchCounterOverflow_keepsOrder() {
    EvidenceStore store = store(true);
    TimeBuckets buckets = buckets(1, 2);
    buckets.touchClockForTest(Integer.MAX_VALUE - 2);
    quiet(buckets, store, 0);
    quiet(buckets, store, 2);
    quiet(buckets, store, 3);
    quiet(buckets, store, 2);

    quiet(buckets, store, 4);

    assertThat(indexes(buckets)).containsExactly(at(0), at(2), at(4));
  }

  @Test
  void lateSet_allBursts_dropsLatest() {
    EvidenceStore store = store(true);
    TimeBuckets buckets = buckets(1, 2);
    quiet(buckets, store, 0);
    enumeration(buckets, store, 2);
    enumeration(buckets, store, 3);

    quiet(buckets, store, 4);
    quiet(buckets, store, 4);
    assertThat(indexes(buckets)).as("after a later bucket").containsExactly(at(0), at(2), at(3));
    assertThat(buckets.droppedEvents()).as("its events").isEqualTo(2);

    quiet(buckets, store, 1);
    assertThat(indexes(buckets)).as("after an earlier bucket").containsExactly(at(0), at(1), at(2));
    assertThat(buckets.droppedEvents()).as("with the latest's events").isEqualTo(2 + 10);
  }

  @Test
  void lateSet_full_keepsBucketsNearThreeNetworks() {
    EvidenceStore store = store(true);
    TimeBuckets buckets = buckets(1, 3);
    from(buckets, store, 0, "198.51.100.7");
    from(buckets, store, 20, "198.51.100.7");
    from(buckets, store, 40, "198.51.100.7");
    from(buckets, store, 41, "203.0.113.9");

    from(buckets, store, 42, "192.0.2.1");

    assertThat(indexes(buckets)).containsExactly(at(0), at(40), at(41), at(42));
  }

  @Test
  void lateSet_busyWorkload_evictsNearMean() {
    EvidenceStore store = store(true);
    TimeBuckets buckets = buckets(2, 1);
    int index = 0;
    for (int bucket = 0; bucket < 4; bucket++) {
      for (int i = 0; i < 150; i++) {
        buckets.add(shared(call(bucket * BUCKET_SECONDS + i, index++), store), false, false);
      }
    }

    assertThat(indexes(buckets)).containsExactly(at(0), at(1), at(3));
    assertThat(buckets.droppedEvents()).isZero();
  }

  @Test
  void firstDiscovery_keptBehindEarlierCall() {
    EvidenceStore store = store(true);
    TimeBuckets buckets = buckets(4);
    CloudEvent discovery = call(100, 1);
    CloudEvent earlier = call(50, 2);

    buckets.add(shared(discovery, store), true, false);
    buckets.add(shared(earlier, store), false, false);

    TimeBucket bucket = buckets.sorted().get(0);
    assertThat(describe(bucket.first(), store.inputs()))
        .isEqualTo(describe(store.keep(earlier), store.inputs()));
    assertThat(describe(bucket.firstDiscovery(), store.inputs()))
        .isEqualTo(describe(store.keep(discovery), store.inputs()));
  }

  @Test
  void first_recordIndexBeyondInt_keptWhole() {
    EvidenceStore store = store(true);
    TimeBuckets buckets = buckets(4);
    CloudEvent event = located(call(10, 1), "big.json", 5_000_000_000L);

    buckets.add(shared(event, store), true, false);

    Evidence first = buckets.sorted().get(0).first();
    assertThat(first).isInstanceOf(Evidence.Reference.class);
    assertThat(((Evidence.Reference) first).recordIndex()).isEqualTo(5_000_000_000L);
    assertThat(describe(first, store.inputs()))
        .isEqualTo(describe(store.keep(event), store.inputs()));
  }

  @Test
  void copyEvidence_sharedByAllKinds() {
    EvidenceStore store = store(false);
    TimeBuckets buckets = buckets(4);

    buckets.add(shared(call(10, 1), store), true, true);

    TimeBucket bucket = buckets.sorted().get(0);
    assertThat(bucket.first()).isInstanceOf(Evidence.Copy.class);
    assertThat(bucket.firstDiscovery()).isSameAs(bucket.first());
  }

  @Test
  void networks_maxZero_keepsNoneButCounts() {
    EvidenceStore store = store(true);
    TimeBuckets buckets = new TimeBuckets(4, 0, WIDTH, MAX_OPERATIONS, 0);

    buckets.add(shared(call(10, 1), store), true, false);
    buckets.add(shared(call(20, 2), store), true, false);

    TimeBucket bucket = buckets.sorted().get(0);
    assertThat(bucket.wideNetworks()).isEmpty();
    assertThat(bucket.calls).isEqualTo(2);
    assertThat(bucket.discoveryOperations()).containsExactly("ListUsers");
  }

  @Test
  void width_beyondIntMillis_rejected() {
    Duration width = Duration.ofMillis(Integer.MAX_VALUE + 1L);

    assertThatThrownBy(() -> new TimeBuckets(4, 0, width, 4, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bucket width");
  }

  private static void compareOnRandomInputs(Random random, boolean references) {
    int capped = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      List<Call> calls = randomCalls(random);
      Collections.shuffle(calls, random);
      int maxBuckets = 1 + random.nextInt(8);
      EvidenceStore store = store(references);

      TimeBuckets buckets = new TimeBuckets(maxBuckets, 0, WIDTH, MAX_OPERATIONS, MAX_NETWORKS);
      Model model = new Model(maxBuckets);
      for (Call call : calls) {
        EventOrder.Shared shared = shared(call.event(), store);
        buckets.add(shared, call.discovery(), call.denied());
        model.add(shared, call.discovery(), call.denied());
      }

      if (model.buckets.size() == maxBuckets) {
        capped++;
      }
      assertThat(describe(buckets, store.inputs()))
          .as("trial " + trial)
          .isEqualTo(describe(model, store.inputs()));
    }
    // Both capped and uncapped sets must occur, or the cap is not compared.
    assertThat(capped).as("trials at the cap").isBetween(TRIALS / 10, TRIALS - TRIALS / 10);
  }

  /** Returns 1 to 40 calls over up to 10 buckets, some in the same second of other inputs. */
  private static List<Call> randomCalls(Random random) {
    List<Call> calls = new ArrayList<>();
    int count = 1 + random.nextInt(40);
    for (int i = 0; i < count; i++) {
      int second = random.nextInt(10) * BUCKET_SECONDS + random.nextInt(4) * 37;
      String operation = OPERATIONS[random.nextInt(OPERATIONS.length)];
      CloudEvent event =
          TestHits.event(
              "erin",
              second,
              i,
              "AKIAERIN",
              ADDRESSES[random.nextInt(ADDRESSES.length)],
              operation);
      event = located(event, random.nextBoolean() ? "a.json" : "b.json", 1 + i);
      if (random.nextInt(4) == 0) {
        event = TestHits.at(event, event.time().plusNanos(1 + random.nextInt(999_999_999)));
      }
      boolean denied = random.nextInt(4) == 0;
      if (denied) {
        event = TestHits.failed(event, "AccessDenied");
      }
      calls.add(
          new Call(event, operation.startsWith("List") || operation.startsWith("Get"), denied));
    }
    return calls;
  }

  private static TimeBuckets feed(List<Call> calls, int maxBuckets, EvidenceStore store) {
    TimeBuckets buckets = buckets(maxBuckets);
    for (Call call : calls) {
      buckets.add(shared(call.event(), store), call.discovery(), call.denied());
    }
    return buckets;
  }

  private static TimeBuckets buckets(int maxBuckets) {
    return buckets(maxBuckets, 0);
  }

  private static TimeBuckets buckets(int maxBuckets, int maxLateBuckets) {
    // An enumeration needs more distinct operations per bucket than the model tests keep.
    int operations = maxLateBuckets > 0 ? BurstDetector.DENIED_OPERATIONS : MAX_OPERATIONS;
    return new TimeBuckets(maxBuckets, maxLateBuckets, WIDTH, operations, MAX_NETWORKS);
  }

  /** Adds one successful call in bucket {@code bucket} after the first. */
  private static void quiet(TimeBuckets buckets, EvidenceStore store, int bucket) {
    buckets.add(shared(call(bucket * BUCKET_SECONDS, bucket), store), false, false);
  }

  /** Adds one call from {@code ip} in bucket {@code bucket} after the first. */
  private static void from(TimeBuckets buckets, EvidenceStore store, int bucket, String ip) {
    CloudEvent event =
        TestHits.event("erin", bucket * BUCKET_SECONDS, bucket, "AKIAERIN", ip, "GetUser");
    buckets.add(shared(event, store), false, false);
  }

  /** Adds ten distinct denied calls, an enumeration, in bucket {@code bucket} after the first. */
  private static void enumeration(TimeBuckets buckets, EvidenceStore store, int bucket) {
    for (int i = 0; i < BurstDetector.DENIED_OPERATIONS; i++) {
      CloudEvent event =
          TestHits.event(
              "erin",
              bucket * BUCKET_SECONDS + i,
              1000 + i,
              "AKIAERIN",
              "198.51.100.7",
              "List" + i);
      buckets.add(shared(TestHits.failed(event, "AccessDenied"), store), false, true);
    }
  }

  /** Returns the index of bucket {@code bucket} after the first. */
  private static long at(int bucket) {
    return bucketOf(bucket * BUCKET_SECONDS);
  }

  private static EvidenceStore store(boolean references) {
    EvidenceStore store = new EvidenceStore(new Interner());
    if (references) {
      store.useReferences(new RecordRereader(new LogReader(), new EventNormalizer(), null));
    }
    return store;
  }

  private static EventOrder.Shared shared(CloudEvent event, EvidenceStore store) {
    return new EventOrder.Shared(event, new Interner(), store);
  }

  private static CloudEvent call(int second, int index) {
    return TestHits.event("erin", second, index, "AKIAERIN", "198.51.100.7", "ListUsers");
  }

  private static CloudEvent located(CloudEvent event, String input, long recordIndex) {
    return new CloudEvent(
        event.time(),
        event.kind(),
        event.eventId(),
        event.account(),
        event.region(),
        event.actor(),
        event.credential(),
        event.source(),
        event.userAgent(),
        event.api(),
        event.outcome(),
        event.resources(),
        event.client(),
        event.raw(),
        new SourceLocation(input, recordIndex, recordIndex));
  }

  private static long bucketOf(int second) {
    return Math.floorDiv(TestHits.T0.plusSeconds(second).toEpochMilli(), WIDTH.toMillis());
  }

  private static List<Long> indexes(TimeBuckets buckets) {
    List<Long> indexes = new ArrayList<>();
    for (TimeBucket bucket : buckets.sorted()) {
      indexes.add(bucket.index);
    }
    return indexes;
  }

  private static List<String> describe(TimeBuckets buckets, InputNames inputs) {
    List<String> described = new ArrayList<>();
    for (TimeBucket bucket : buckets.sorted()) {
      described.add(
          describe(
              inputs,
              bucket.index,
              bucket.calls,
              bucket.failed,
              bucket.firstTime(),
              bucket.last(),
              bucket.first(),
              bucket.firstDenied(),
              bucket.firstDiscovery(),
              bucket.wideNetworks(),
              bucket.deniedOperations(),
              bucket.discoveryOperations()));
      assertThat(bucket.entries())
          .as("entries of bucket " + bucket.index)
          .isEqualTo(
              bucket.wideNetworks().size()
                  + bucket.deniedOperations().size()
                  + bucket.discoveryOperations().size());
    }
    return described;
  }

  private static List<String> describe(Model model, InputNames inputs) {
    List<String> described = new ArrayList<>();
    for (Map.Entry<Long, ModelBucket> entry : model.buckets.entrySet()) {
      ModelBucket bucket = entry.getValue();
      described.add(
          describe(
              inputs,
              entry.getKey(),
              bucket.calls,
              bucket.failed,
              bucket.first.time(),
              Instant.ofEpochMilli(bucket.lastMillis),
              bucket.first,
              bucket.firstDenied,
              bucket.firstDiscovery,
              List.copyOf(bucket.networks),
              List.copyOf(bucket.denied),
              List.copyOf(bucket.discovery)));
    }
    return described;
  }

  private static String describe(
      InputNames inputs,
      long index,
      int calls,
      int failed,
      Instant firstTime,
      Instant last,
      Evidence first,
      Evidence firstDenied,
      Evidence firstDiscovery,
      List<String> networks,
      List<String> denied,
      List<String> discovery) {
    return "bucket "
        + index
        + ": calls "
        + calls
        + ", failed "
        + failed
        + ", first time "
        + firstTime
        + ", last "
        + last
        + ", first "
        + describe(first, inputs)
        + ", first denied "
        + describe(firstDenied, inputs)
        + ", first discovery "
        + describe(firstDiscovery, inputs)
        + ", networks "
        + networks
        + ", denied "
        + denied
        + ", discovery "
        + discovery;
  }

  /** Describes evidence by input name, because input numbers differ between threads. */
  private static String describe(Evidence evidence, InputNames inputs) {
    if (evidence == null) {
      return "none";
    }
    if (evidence instanceof Evidence.Reference reference) {
      return "record "
          + reference.recordIndex()
          + " of "
          + inputs.name(reference.input())
          + " at "
          + reference.time()
          + " hash "
          + reference.contentHash();
    }
    return "copy of " + ((Evidence.Copy) evidence).event().eventId() + " at " + evidence.time();
  }
}
