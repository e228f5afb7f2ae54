package dev.skywarden.core.analytics;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.NetworkInfo;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

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

    /** Events outside the saved history's span, which the next saved state adds to its count. */
    long unsavedCount;

    /** Events with the value whose call failed. */
    long failed;

    Instant firstSeen;
    Instant lastSeen;
    CloudEvent first;

    void add(EventOrder.Shared shared, boolean unsaved) {
      CloudEvent event = shared.event();
      count++;
      if (unsaved) {
        unsavedCount++;
      }
      if (!event.outcome().success()) {
        failed++;
      }
      if (lastSeen == null || event.time().isAfter(lastSeen)) {
        lastSeen = event.time();
      }
      if (EventOrder.earlier(event, first)) {
        first = shared.slim();
        firstSeen = event.time();
      }
    }
  }

  /**
   * The aggregates of one time bucket in one profile. The sets of operations and networks are
   * compact sorted arrays made on the first value, and the strings in them are shared ({@link
   * Interner}), because most buckets hold few distinct values. Read them through the accessors,
   * which return an empty list for none.
   */
  static final class TimeBucket {
    long calls;
    long failed;
    private SortedStrings deniedOperations;
    private SortedStrings discoveryOperations;
    private SortedStrings wideNetworks;
    CloudEvent firstDenied;
    CloudEvent firstDiscovery;
    CloudEvent first;
    Instant last;

    /** Returns the distinct denied operations in ascending order. */
    List<String> deniedOperations() {
      return deniedOperations == null ? List.of() : deniedOperations.values();
    }

    /** Returns the distinct discovery operations in ascending order. */
    List<String> discoveryOperations() {
      return discoveryOperations == null ? List.of() : discoveryOperations.values();
    }

    /** Returns the distinct wide networks in ascending order. */
    List<String> wideNetworks() {
      return wideNetworks == null ? List.of() : wideNetworks.values();
    }
  }

  private final ProfileKey key;
  private final AnalyticsLimits limits;
  private final IdentityHistory saved;
  private final Interner interner;
  private final Map<FeatureKind, Map<String, FeatureStats>> features =
      new EnumMap<>(FeatureKind.class);
  private final Map<FeatureKind, Long> eventsPerKind = new EnumMap<>(FeatureKind.class);
  private final NavigableMap<Long, TimeBucket> buckets = new TreeMap<>();
  private CloudEvent first;
  private Instant lastSeen;
  private long events;
  private long unsavedEvents;
  private Instant firstUnsaved;

  /**
   * Creates an empty profile.
   *
   * @param saved the identity's saved history, or {@code null}; events in its span ({@link
   *     IdentityHistory#counts}) are taken as counted already
   * @param interner the run's shared strings for the operations and networks of time buckets
   */
  Profile(ProfileKey key, AnalyticsLimits limits, IdentityHistory saved, Interner interner) {
    this.key = key;
    this.limits = limits;
    this.saved = saved;
    this.interner = interner;
  }

  ProfileKey key() {
    return key;
  }

  /**
   * Adds one event with its features to the profile under one lock.
   *
   * @param shared the event, with the slimmed copy that every profile of the event keeps as
   *     evidence
   * @param discovery whether the operation is a read or discovery call
   * @param denied whether the call was denied
   */
  synchronized void add(
      EventOrder.Shared shared, FeatureBuffer buffer, boolean discovery, boolean denied) {
    CloudEvent event = shared.event();
    addEvent(shared);
    boolean unsaved = saved == null || !saved.counts(event.time());
    if (unsaved) {
      unsavedEvents++;
      firstUnsaved =
          firstUnsaved == null || event.time().isBefore(firstUnsaved) ? event.time() : firstUnsaved;
    }
    for (int i = 0; i < buffer.size(); i++) {
      addFeature(buffer.kind(i), buffer.value(i), shared, unsaved);
    }
    addToBucket(shared, discovery, denied);
  }

  /** Counts one event and keeps its time and first event. */
  private void addEvent(EventOrder.Shared shared) {
    CloudEvent event = shared.event();
    events++;
    if (lastSeen == null || event.time().isAfter(lastSeen)) {
      lastSeen = event.time();
    }
    if (EventOrder.earlier(event, first)) {
      first = shared.slim();
    }
  }

  /** Adds one feature value of an event. */
  private void addFeature(
      FeatureKind kind, String value, EventOrder.Shared shared, boolean unsaved) {
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
    stats.add(shared, unsaved);
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
  private void addToBucket(EventOrder.Shared shared, boolean discovery, boolean denied) {
    CloudEvent event = shared.event();
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
      bucket.first = shared.slim();
    }
    if (!event.outcome().success()) {
      bucket.failed++;
    }
    String operation = event.api().operation();
    if (denied && operation != null) {
      if (bucket.deniedOperations == null) {
        bucket.deniedOperations = new SortedStrings();
      }
      addBounded(bucket.deniedOperations, operation, limits.maxOperationsPerBucket());
      if (EventOrder.earlier(event, bucket.firstDenied)) {
        bucket.firstDenied = shared.slim();
      }
    }
    if (discovery && operation != null) {
      if (bucket.discoveryOperations == null) {
        bucket.discoveryOperations = new SortedStrings();
      }
      addBounded(bucket.discoveryOperations, operation, limits.maxOperationsPerBucket());
      if (EventOrder.earlier(event, bucket.firstDiscovery)) {
        bucket.firstDiscovery = shared.slim();
      }
    }
    InetAddress ip = event.source().ip();
    if (ip != null) {
      if (bucket.wideNetworks == null) {
        bucket.wideNetworks = new SortedStrings();
      }
      addBounded(bucket.wideNetworks, wideNetwork(event, ip), limits.maxNetworksPerBucket());
    }
  }

  /**
   * Returns the wide network of an event's source: {@code aws ranges} (or another cloud's) when
   * network intel places the address in the published ranges of the event's own cloud, else the
   * {@link #wideNetwork(InetAddress)}. The cloud's own addresses count as one network, because a
   * person's session is used from CloudShell, the console and services acting for them, all in the
   * provider's ranges but in many /16s.
   *
   * <p>NOTE: so a credential used from a machine in the same cloud, the user's network and
   * CloudShell counts two networks, not three.
   */
  static String wideNetwork(CloudEvent event, InetAddress ip) {
    NetworkInfo network = event.source().network();
    if (network != null && network.isProvider(event.provider())) {
      return event.provider().id() + " ranges";
    }
    return wideNetwork(ip);
  }

  /** Keeps the {@code max} smallest values, so the kept set does not depend on arrival order. */
  private void addBounded(SortedStrings set, String value, int max) {
    if (!set.contains(value)) {
      set.addBounded(interner.intern(value), max);
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

  /** Returns how many events lie outside the saved history's span: all without saved history. */
  synchronized long unsavedEvents() {
    return unsavedEvents;
  }

  /** Returns the earliest event outside the saved history's span, or null when there is none. */
  synchronized Instant firstUnsaved() {
    return firstUnsaved;
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
          bucket.deniedOperations().size()
              + bucket.discoveryOperations().size()
              + bucket.wideNetworks().size();
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
