package dev.skywarden.core.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The wide networks of one credential as runs of time buckets: what credential spread detection
 * ({@link BurstDetector#detectSpread}) needs, kept by a light profile in place of its buckets.
 *
 * <p>Design note: per wide network the kept bucket indexes form runs, where a bucket joins a run
 * when it lies at most {@code window} buckets from the run's nearest bucket, and two runs merge
 * when a bucket bridges them. A run keeps its first and last bucket index, the first event of its
 * first bucket by {@link EventOrder#FIRST} (which is the run's first event), and the calls and last
 * time of that network in its first bucket. Since the gaps inside a run are at most {@code window}
 * buckets, every span of {@code window} consecutive bucket indexes that overlaps a run's first to
 * last bucket contains one of the run's buckets. So "networks used within the window" is decided
 * exactly from runs ({@link #firstSpread}), as from the buckets themselves. The runs are the
 * connected parts of the set of (network, bucket) pairs, so they do not depend on event order. Late
 * and out-of-order events extend or merge runs.
 *
 * <p>Memory: one {@link Run} of 48 bytes per run. A session used from one network without a pause
 * of more than the window has one run, however many buckets it spans.
 *
 * <p>Cap: at most {@code maxNetworks} networks are kept, the smallest in {@link String} order, so
 * the kept set does not depend on event order; a larger network's events are not kept, and a
 * smaller one drops the largest kept network with its runs.
 *
 * <p>NOTE: unlike buckets, runs have no cap on time: a light credential used from one network in
 * many episodes more than the window apart keeps one run per episode. Short-lived credentials
 * expire within hours, which bounds that in practice.
 *
 * <p>Not thread-safe: the owning {@link Profile} guards it with its lock.
 */
final class NetworkRuns {

  private static final Run[] EMPTY = new Run[0];

  private final long window;
  private final int maxNetworks;
  private Run[] runs = EMPTY;
  private int networkCount;

  /**
   * One run of buckets of one network. The fields after {@link #last} describe the network's events
   * in the run's first bucket; runs made by {@link #ofBuckets} leave them empty.
   */
  static final class Run {
    final String network;

    /** The index of the run's first bucket. */
    long first;

    /** The index of the run's last bucket. */
    long last;

    /** The run's first event by {@link EventOrder#FIRST}, which lies in its first bucket. */
    Evidence firstEvent;

    /** The network's calls in the run's first bucket. */
    int firstBucketCalls;

    /** The time of the network's last call in the run's first bucket, in epoch milliseconds. */
    long firstBucketLastMillis = Long.MIN_VALUE;

    Run(String network, long bucket) {
      this.network = network;
      this.first = bucket;
      this.last = bucket;
    }

    /** Makes {@code bucket} the run's first bucket, forgetting what the old first bucket held. */
    private void startAt(long bucket) {
      first = bucket;
      firstEvent = null;
      firstBucketCalls = 0;
      firstBucketLastMillis = Long.MIN_VALUE;
    }

    @Override
    public String toString() {
      return network + " [" + first + ", " + last + "]";
    }
  }

  /**
   * The first span of the window where enough networks were used.
   *
   * @param endBucket the index of the span's last bucket, the first bucket of one of {@code
   *     starting}
   * @param networks the networks used within the span, in ascending order
   * @param starting the runs that start at {@code endBucket}, whose networks joined the span there
   */
  record Spread(long endBucket, List<String> networks, List<Run> starting) {}

  /**
   * Creates empty runs.
   *
   * @param window the spread window in buckets, at least 1: buckets at most this far apart join one
   *     run, and {@link #firstSpread} looks at spans of this many buckets
   * @param maxNetworks the most networks kept, at least 1
   */
  NetworkRuns(long window, int maxNetworks) {
    if (window < 1 || maxNetworks < 1) {
      throw new IllegalArgumentException(
          "invalid network runs: window of "
              + window
              + " buckets and "
              + maxNetworks
              + " networks must both be at least 1");
    }
    this.window = window;
    this.maxNetworks = maxNetworks;
  }

  /**
   * Returns the runs of a full profile's buckets, for the same spread check as a light profile's.
   * Their runs keep no first event and no first-bucket figures: the caller has the buckets.
   *
   * @param buckets the buckets in ascending index order
   */
  static NetworkRuns ofBuckets(List<TimeBucket> buckets, long window, int maxNetworks) {
    NetworkRuns runs = new NetworkRuns(window, maxNetworks);
    for (TimeBucket bucket : buckets) {
      for (String network : bucket.wideNetworks()) {
        runs.join(network, bucket.index);
      }
    }
    return runs;
  }

  /**
   * Adds one event of {@code network} in bucket {@code bucket}.
   *
   * @param network the event's wide network, a shared instance
   */
  void add(String network, long bucket, EventOrder.Shared shared) {
    Run run = join(network, bucket);
    if (run == null || run.first != bucket) {
      return;
    }
    run.firstBucketCalls++;
    long millis = shared.event().time().toEpochMilli();
    if (millis > run.firstBucketLastMillis) {
      run.firstBucketLastMillis = millis;
    }
    if (EventOrder.earlier(shared.event(), run.firstEvent, shared.inputs())) {
      run.firstEvent = shared.evidence();
    }
  }

  /**
   * Returns the run of {@code network} that contains {@code bucket} after adding it: an old run,
   * widened and merged with its neighbour when the bucket bridges them, or a new one. Returns null
   * when the network is beyond a full set ({@code maxNetworks}).
   */
  private Run join(String network, long bucket) {
    int at = lastAtOrBefore(network, bucket);
    Run before = at >= 0 && runs[at].network.equals(network) ? runs[at] : null;
    Run after = at + 1 < runs.length && runs[at + 1].network.equals(network) ? runs[at + 1] : null;
    if (before != null && bucket <= before.last + window) {
      if (bucket > before.last) {
        before.last = bucket;
        if (after != null && after.first - bucket <= window) {
          before.last = after.last;
          remove(at + 1);
        }
      }
      return before;
    }
    if (after != null && after.first - bucket <= window) {
      after.startAt(bucket);
      return after;
    }
    if (before == null && after == null && !makeRoomFor(network)) {
      return null;
    }
    Run run = new Run(network, bucket);
    insert(lastAtOrBefore(network, bucket) + 1, run);
    return run;
  }

  /**
   * Makes room for a new network: drops the largest kept network with its runs when the set is full
   * and the new one is smaller. Returns false when the new network is not to be kept.
   */
  private boolean makeRoomFor(String network) {
    if (networkCount < maxNetworks) {
      networkCount++;
      return true;
    }
    String largest = runs[runs.length - 1].network;
    if (network.compareTo(largest) > 0) {
      return false;
    }
    int keep = runs.length;
    while (keep > 0 && runs[keep - 1].network.equals(largest)) {
      keep--;
    }
    runs = Arrays.copyOf(runs, keep);
    return true;
  }

  /** Returns the position of the last run ordered at or before (network, bucket), or -1. */
  private int lastAtOrBefore(String network, long bucket) {
    int low = 0;
    int high = runs.length - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      Run run = runs[mid];
      int order = run.network.compareTo(network);
      if (order == 0) {
        order = Long.compare(run.first, bucket);
      }
      if (order <= 0) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return low - 1;
  }

  private void insert(int position, Run run) {
    Run[] grown = new Run[runs.length + 1];
    System.arraycopy(runs, 0, grown, 0, position);
    grown[position] = run;
    System.arraycopy(runs, position, grown, position + 1, runs.length - position);
    runs = grown;
  }

  private void remove(int position) {
    Run[] shrunk = new Run[runs.length - 1];
    System.arraycopy(runs, 0, shrunk, 0, position);
    System.arraycopy(runs, position + 1, shrunk, position, runs.length - position - 1);
    runs = shrunk;
  }

  /** Returns the runs ordered by network, then first bucket, as an unmodifiable list. */
  List<Run> runs() {
    return List.of(runs);
  }

  /** Returns how many runs are kept. */
  int size() {
    return runs.length;
  }

  /**
   * Finds the first span of {@code window} consecutive buckets, by its last bucket, in which at
   * least {@code minNetworks} networks were used and not all of them are in {@code known}.
   *
   * <p>A run of network N overlaps the span ending at bucket e when e lies in [first, last + window
   * - 1], and the runs of one network give disjoint such ranges. The set of networks only grows
   * where such a range starts, at a run's first bucket, and a network that joins the set cannot
   * make it a subset of {@code known}. So the first span found lies at the first bucket of a run,
   * and the sweep looks at those only.
   *
   * @return the spread, or null when no span has enough networks
   */
  Spread firstSpread(int minNetworks, Collection<String> known) {
    Run[] byFirst = runs.clone();
    Arrays.sort(byFirst, Comparator.comparingLong(run -> run.first));
    PriorityQueue<Run> active = new PriorityQueue<>(Comparator.comparingLong(run -> run.last));
    // Per network, the runs in the span; ranges of one network never overlap, so at most one.
    TreeMap<String, Run> inSpan = new TreeMap<>();
    int unknown = 0;
    int next = 0;
    while (next < byFirst.length) {
      long end = byFirst[next].first;
      while (!active.isEmpty() && active.peek().last + window - 1 < end) {
        Run ended = active.poll();
        inSpan.remove(ended.network);
        if (!known.contains(ended.network)) {
          unknown--;
        }
      }
      List<Run> starting = new ArrayList<>();
      while (next < byFirst.length && byFirst[next].first == end) {
        Run run = byFirst[next++];
        starting.add(run);
        active.add(run);
        inSpan.put(run.network, run);
        if (!known.contains(run.network)) {
          unknown++;
        }
      }
      if (inSpan.size() >= minNetworks && unknown > 0) {
        return new Spread(end, List.copyOf(inSpan.keySet()), List.copyOf(starting));
      }
    }
    return null;
  }
}
