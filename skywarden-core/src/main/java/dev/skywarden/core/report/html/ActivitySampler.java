package dev.skywarden.core.report.html;

import dev.skywarden.core.detect.Detector;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.DetectionHit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Records bounded per-principal activity for the HTML report: events per time bucket and the
 * distinct clients, networks and operations each principal used, with when each was first used in
 * the run. It is a {@link Detector} that never reports hits, so the hunt feeds it every event.
 *
 * <p>Memory caps, all deterministic (the same events give the same {@link #snapshot()} whatever the
 * thread count or file order):
 *
 * <ul>
 *   <li>At most {@link #MAX_PRINCIPALS} principals: the smallest keys in {@link PrincipalKey}
 *       order. Events of other principals are counted in {@link Snapshot#untrackedEvents()} only.
 *   <li>At most {@link #MAX_BUCKETS} time buckets per principal. Buckets start one minute wide and
 *       double in width (1, 2, 4, ... minutes, aligned on the epoch) whenever a principal has more,
 *       so the final width is the smallest power of two that fits.
 *   <li>At most {@link #MAX_VALUES} clients, networks and operations each per principal: the
 *       smallest values in {@link String} order, each with its first time and count. A value is
 *       kept exactly when it is among the smallest overall, so its first time is exact.
 * </ul>
 *
 * <p>Worst case memory is about {@code MAX_PRINCIPALS * (MAX_BUCKETS + 3 * MAX_VALUES)} small
 * entries, some tens of megabytes. Thread-safe.
 */
public final class ActivitySampler implements Detector {

  /** How many principals are tracked. */
  public static final int MAX_PRINCIPALS = 1000;

  /** How many time buckets a principal keeps. */
  public static final int MAX_BUCKETS = 240;

  /** How many distinct clients, networks and operations a principal keeps, each. */
  public static final int MAX_VALUES = 20;

  private final ConcurrentSkipListMap<PrincipalKey, Activity> principals =
      new ConcurrentSkipListMap<>();
  private final AtomicLong events = new AtomicLong();

  @Override
  public String name() {
    return "activity-sampler";
  }

  @Override
  public void detect(CloudEvent event, Consumer<DetectionHit> hits) {
    events.incrementAndGet();
    PrincipalKey key =
        new PrincipalKey(event.provider(), event.account(), event.actor().displayName());
    Activity activity = principals.get(key);
    if (activity == null) {
      activity = admit(key);
      if (activity == null) {
        return;
      }
    }
    activity.add(event);
  }

  /** Adds a principal, then drops the largest keys while more than the maximum are kept. */
  private synchronized Activity admit(PrincipalKey key) {
    principals.computeIfAbsent(key, k -> new Activity());
    while (principals.size() > MAX_PRINCIPALS) {
      principals.pollLastEntry();
    }
    return principals.get(key);
  }

  /**
   * Returns the activity recorded so far, principals in key order. Call it after the hunt; during
   * one it reflects some prefix of the events.
   */
  public Snapshot snapshot() {
    Map<PrincipalKey, PrincipalActivity> result = new TreeMap<>();
    long tracked = 0;
    for (Map.Entry<PrincipalKey, Activity> entry : principals.entrySet()) {
      PrincipalActivity activity = entry.getValue().snapshot(entry.getKey());
      result.put(entry.getKey(), activity);
      tracked += activity.events();
    }
    return new Snapshot(result, events.get() - tracked);
  }

  /**
   * What the sampler recorded.
   *
   * @param principals activity per tracked principal, in key order
   * @param untrackedEvents events of principals beyond {@link #MAX_PRINCIPALS}
   */
  public record Snapshot(Map<PrincipalKey, PrincipalActivity> principals, long untrackedEvents) {

    public Snapshot {
      principals = Map.copyOf(principals);
    }

    /** An empty snapshot, for a report made without sampling. */
    public static Snapshot empty() {
      return new Snapshot(Map.of(), 0);
    }
  }

  /** The bounded state of one principal; every method holds the instance lock. */
  private static final class Activity {
    private final TreeMap<Long, Long> buckets = new TreeMap<>();
    private long bucketMinutes = 1;
    private final TreeMap<String, FirstUse> clients = new TreeMap<>();
    private final TreeMap<String, FirstUse> networks = new TreeMap<>();
    private final TreeMap<String, FirstUse> operations = new TreeMap<>();
    private long count;
    private long failures;
    private Instant first;
    private Instant last;

    synchronized void add(CloudEvent event) {
      Instant time = event.time();
      count++;
      if (!event.outcome().success()) {
        failures++;
      }
      first = first == null || time.isBefore(first) ? time : first;
      last = last == null || time.isAfter(last) ? time : last;

      buckets.merge(Math.floorDiv(minutes(time), bucketMinutes), 1L, Long::sum);
      while (buckets.size() > MAX_BUCKETS) {
        coarsen();
      }

      addValue(clients, event.client().summary(), time);
      addValue(networks, event.source().text(), time);
      addValue(operations, event.api().operation(), time);
    }

    /** Doubles the bucket width and merges each pair of buckets. */
    private void coarsen() {
      TreeMap<Long, Long> merged = new TreeMap<>();
      buckets.forEach((index, value) -> merged.merge(Math.floorDiv(index, 2), value, Long::sum));
      buckets.clear();
      buckets.putAll(merged);
      bucketMinutes *= 2;
    }

    synchronized PrincipalActivity snapshot(PrincipalKey key) {
      NavigableMap<Instant, Long> timeline = new TreeMap<>();
      buckets.forEach(
          (index, value) -> timeline.put(Instant.ofEpochSecond(index * bucketMinutes * 60), value));
      return new PrincipalActivity(
          key,
          count,
          failures,
          first,
          last,
          bucketMinutes,
          timeline,
          new ArrayList<>(clients.values()),
          new ArrayList<>(networks.values()),
          new ArrayList<>(operations.values()));
    }

    private static long minutes(Instant time) {
      return Math.floorDiv(time.getEpochSecond(), 60);
    }

    private static void addValue(
        NavigableMap<String, FirstUse> values, String value, Instant time) {
      if (value == null || value.isEmpty()) {
        return;
      }
      FirstUse known = values.get(value);
      if (known != null) {
        Instant earliest = time.isBefore(known.firstSeen()) ? time : known.firstSeen();
        values.put(value, new FirstUse(value, earliest, known.count() + 1));
        return;
      }
      values.put(value, new FirstUse(value, time, 1));
      if (values.size() > MAX_VALUES) {
        values.pollLastEntry();
      }
    }
  }

  /**
   * One client, network or operation of a principal.
   *
   * @param value the client summary, source address or operation name
   * @param firstSeen when the principal first used it in this run
   * @param count how many events used it
   */
  public record FirstUse(String value, Instant firstSeen, long count) {}

  /**
   * The recorded activity of one principal.
   *
   * @param key the principal
   * @param events events seen
   * @param failures events whose outcome was not success
   * @param firstSeen the earliest event time
   * @param lastSeen the latest event time
   * @param bucketMinutes the width of each time bucket in minutes, a power of two
   * @param timeline events per bucket, keyed by bucket start; at most {@link #MAX_BUCKETS}
   * @param clients client summaries, smallest {@link #MAX_VALUES} in text order
   * @param networks source addresses, smallest {@link #MAX_VALUES} in text order
   * @param operations operations, smallest {@link #MAX_VALUES} in text order
   */
  public record PrincipalActivity(
      PrincipalKey key,
      long events,
      long failures,
      Instant firstSeen,
      Instant lastSeen,
      long bucketMinutes,
      NavigableMap<Instant, Long> timeline,
      List<FirstUse> clients,
      List<FirstUse> networks,
      List<FirstUse> operations) {

    public PrincipalActivity {
      timeline = java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(timeline));
      clients = List.copyOf(clients);
      networks = List.copyOf(networks);
      operations = List.copyOf(operations);
    }
  }
}
