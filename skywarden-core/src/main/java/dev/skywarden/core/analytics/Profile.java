package dev.skywarden.core.analytics;

import dev.skywarden.core.event.CloudEvent;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The behaviour of one identity during one hunt.
 *
 * <p>Design note: every field is an order-independent aggregate, so a profile is the same whatever
 * order its events arrive in. Per feature value it keeps the count, first and last time and the
 * first event by {@link EventOrder#FIRST}; per time bucket the count of calls and failures and
 * bounded sorted sets of distinct denied and discovery operations and wide networks. Late or
 * out-of-order events need no special case, because nothing is decided before {@link
 * AnalyticsRun#finish}. Memory is bounded by {@link AnalyticsLimits}: values beyond the per-kind
 * cap and buckets beyond the bucket cap are not kept (the smallest values and the earliest buckets
 * are), and {@link #droppedEvents(FeatureKind)} returns how many events that cost.
 *
 * <p>Thread-safety: every method holds the instance lock.
 */
final class Profile {

  /** The aggregates of one feature value in one profile. */
  static final class FeatureStats {
    long count;
    Instant firstSeen;
    Instant lastSeen;
    CloudEvent first;

    void add(CloudEvent event) {
      count++;
      if (lastSeen == null || event.time().isAfter(lastSeen)) {
        lastSeen = event.time();
      }
      if (EventOrder.earlier(event, first)) {
        first = EventOrder.slim(event);
        firstSeen = event.time();
      }
    }
  }

  /** The aggregates of one time bucket in one profile. */
  static final class TimeBucket {
    long calls;
    long failed;
    final TreeSet<String> deniedOperations = new TreeSet<>();
    final TreeSet<String> discoveryOperations = new TreeSet<>();
    final TreeSet<String> wideNetworks = new TreeSet<>();
    CloudEvent firstDenied;
    CloudEvent firstDiscovery;
    CloudEvent first;
    Instant last;
  }

  private final ProfileKey key;
  private final AnalyticsLimits limits;
  private final Map<FeatureKind, Map<String, FeatureStats>> features =
      new EnumMap<>(FeatureKind.class);
  private final Map<FeatureKind, Long> eventsPerKind = new EnumMap<>(FeatureKind.class);
  private final NavigableMap<Long, TimeBucket> buckets = new TreeMap<>();
  private CloudEvent first;
  private Instant lastSeen;
  private long events;

  Profile(ProfileKey key, AnalyticsLimits limits) {
    this.key = key;
    this.limits = limits;
  }

  ProfileKey key() {
    return key;
  }

  /**
   * Adds one event with its features to the profile under one lock.
   *
   * @param discovery whether the operation is a read or discovery call
   * @param denied whether the call was denied
   */
  synchronized void add(CloudEvent event, FeatureBuffer buffer, boolean discovery, boolean denied) {
    addEvent(event);
    for (int i = 0; i < buffer.size(); i++) {
      addFeature(buffer.kind(i), buffer.value(i), event);
    }
    addToBucket(event, discovery, denied);
  }

  /** Counts one event and keeps its time and first event. */
  private void addEvent(CloudEvent event) {
    events++;
    if (lastSeen == null || event.time().isAfter(lastSeen)) {
      lastSeen = event.time();
    }
    if (EventOrder.earlier(event, first)) {
      first = EventOrder.slim(event);
    }
  }

  /** Adds one feature value of an event. */
  private void addFeature(FeatureKind kind, String value, CloudEvent event) {
    eventsPerKind.merge(kind, 1L, Long::sum);
    Map<String, FeatureStats> values = features.computeIfAbsent(kind, k -> new HashMap<>());
    FeatureStats stats = values.get(value);
    if (stats == null) {
      if (values.size() >= limits.maxValuesPerKind()) {
        String largest = largestKey(values);
        if (value.compareTo(largest) > 0) {
          return;
        }
        values.remove(largest);
      }
      stats = new FeatureStats();
      values.put(value, stats);
    }
    stats.add(event);
  }

  private static String largestKey(Map<String, FeatureStats> values) {
    String largest = null;
    for (String candidate : values.keySet()) {
      if (largest == null || candidate.compareTo(largest) > 0) {
        largest = candidate;
      }
    }
    return largest;
  }

  /** Adds an event to its time bucket. */
  private void addToBucket(CloudEvent event, boolean discovery, boolean denied) {
    long index = Math.floorDiv(event.time().toEpochMilli(), limits.bucketWidth().toMillis());
    TimeBucket bucket = buckets.get(index);
    if (bucket == null) {
      if (buckets.size() >= limits.maxBuckets()) {
        if (index > buckets.lastKey()) {
          return;
        }
        buckets.pollLastEntry();
      }
      bucket = new TimeBucket();
      buckets.put(index, bucket);
    }
    bucket.calls++;
    if (bucket.last == null || event.time().isAfter(bucket.last)) {
      bucket.last = event.time();
    }
    if (EventOrder.earlier(event, bucket.first)) {
      bucket.first = EventOrder.slim(event);
    }
    if (!event.outcome().success()) {
      bucket.failed++;
    }
    String operation = event.api().operation();
    if (denied && operation != null) {
      addBounded(bucket.deniedOperations, operation, limits.maxOperationsPerBucket());
      if (EventOrder.earlier(event, bucket.firstDenied)) {
        bucket.firstDenied = EventOrder.slim(event);
      }
    }
    if (discovery && operation != null) {
      addBounded(bucket.discoveryOperations, operation, limits.maxOperationsPerBucket());
      if (EventOrder.earlier(event, bucket.firstDiscovery)) {
        bucket.firstDiscovery = EventOrder.slim(event);
      }
    }
    InetAddress ip = event.source().ip();
    if (ip != null) {
      addBounded(bucket.wideNetworks, wideNetwork(ip), limits.maxNetworksPerBucket());
    }
  }

  /** Keeps the {@code max} smallest values, so the kept set does not depend on arrival order. */
  private static void addBounded(java.util.NavigableSet<String> set, String value, int max) {
    set.add(value);
    if (set.size() > max) {
      set.pollLast();
    }
  }

  /** Returns the IPv4 /16 or IPv6 /32 of an address: networks that far apart. */
  static String wideNetwork(InetAddress ip) {
    byte[] bytes = ip.getAddress();
    if (ip instanceof Inet4Address) {
      return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + ".0.0/16";
    }
    return Integer.toHexString(((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff))
        + ":"
        + Integer.toHexString(((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff))
        + "::/32";
  }

  synchronized long events() {
    return events;
  }

  synchronized CloudEvent first() {
    return first;
  }

  synchronized Instant firstSeen() {
    return first == null ? null : first.time();
  }

  synchronized Instant lastSeen() {
    return lastSeen;
  }

  /** Returns the kept values of one kind; the caller must not modify the map. */
  synchronized Map<String, FeatureStats> values(FeatureKind kind) {
    return features.getOrDefault(kind, Map.of());
  }

  /** Returns the kept time buckets by index; the caller must not modify the map. */
  synchronized NavigableMap<Long, TimeBucket> buckets() {
    return buckets;
  }

  /**
   * Returns how many entries the profile keeps: feature values, time buckets and the operations and
   * networks of its buckets. The entries, not the events, size a profile on the heap; tests check
   * that they depend on distinct values and time buckets only.
   */
  synchronized long retainedEntries() {
    long entries = buckets.size();
    for (Map<String, FeatureStats> values : features.values()) {
      entries += values.size();
    }
    for (TimeBucket bucket : buckets.values()) {
      entries +=
          bucket.deniedOperations.size()
              + bucket.discoveryOperations.size()
              + bucket.wideNetworks.size();
    }
    return entries;
  }

  /** Returns how many events of one kind were not kept because of the per-kind cap. */
  synchronized long droppedEvents(FeatureKind kind) {
    long kept = 0;
    for (FeatureStats stats : features.getOrDefault(kind, Map.of()).values()) {
      kept += stats.count;
    }
    return eventsPerKind.getOrDefault(kind, 0L) - kept;
  }
}
