package dev.skywarden.core.analytics;

import dev.skywarden.core.event.Interner;
import java.time.Instant;
import java.util.List;

/**
 * The aggregates of one time bucket in one full profile: counts, the last time, and the distinct
 * wide networks and denied and discovery operations, with the first event kept as evidence of each
 * kind. A bucket takes 64 bytes, plus the sets, which hold shared strings ({@link Interner}) in the
 * compact form of {@link SortedStrings}. A light profile keeps no buckets ({@link NetworkRuns}).
 *
 * <p>Evidence: {@link #first} is the bucket's first event by {@link EventOrder#FIRST} and gives the
 * bucket's first time; {@link #firstDenied()} and {@link #firstDiscovery()} are the first denied
 * and discovery events, pointing at the same shared {@link Evidence} when one event is first of
 * several kinds.
 *
 * <p>Not thread-safe: the owning {@link Profile} guards it with its lock.
 */
final class TimeBucket {

  /** The bucket's index: its start in epoch milliseconds divided by the bucket width. */
  final long index;

  /**
   * Calls and failed calls in the bucket.
   *
   * <p>NOTE: counts wrap past 2^31 - 1 calls of one identity in one bucket, which no real rate
   * reaches.
   */
  int calls;

  int failed;

  private long lastMillis = Long.MIN_VALUE;
  private Object wideNetworks;
  private Object deniedOperations;
  private Object discoveryOperations;
  Evidence first;
  private Evidence firstDenied;
  private Evidence firstDiscovery;

  TimeBucket(long index) {
    this.index = index;
  }

  /** Counts one event at {@code millis} since the epoch, failed or not. */
  void count(long millis, boolean failedCall) {
    calls++;
    if (failedCall) {
      failed++;
    }
    if (millis > lastMillis) {
      lastMillis = millis;
    }
  }

  /** Adds a denied operation, storing its shared instance from {@code interner} when new. */
  void addDenied(String operation, int max, Interner interner) {
    if (!SortedStrings.contains(deniedOperations, operation)) {
      deniedOperations = SortedStrings.add(deniedOperations, interner.intern(operation), max);
    }
  }

  /** Adds a discovery operation, storing its shared instance from {@code interner} when new. */
  void addDiscovery(String operation, int max, Interner interner) {
    if (!SortedStrings.contains(discoveryOperations, operation)) {
      discoveryOperations = SortedStrings.add(discoveryOperations, interner.intern(operation), max);
    }
  }

  /** Returns the evidence of the first denied event, or null. */
  Evidence firstDenied() {
    return firstDenied;
  }

  void firstDenied(Evidence evidence) {
    firstDenied = evidence;
  }

  /** Returns the evidence of the first discovery event, or null. */
  Evidence firstDiscovery() {
    return firstDiscovery;
  }

  void firstDiscovery(Evidence evidence) {
    firstDiscovery = evidence;
  }

  /** Adds a wide network, which must be a shared instance already. */
  void addWideNetwork(String network, int max) {
    wideNetworks = SortedStrings.add(wideNetworks, network, max);
  }

  /** Returns the time of the bucket's first event. */
  Instant firstTime() {
    return first.time();
  }

  /** Returns the time of the bucket's last event. */
  Instant last() {
    return Instant.ofEpochMilli(lastMillis);
  }

  /** Returns the distinct denied operations in ascending order. */
  List<String> deniedOperations() {
    return SortedStrings.values(deniedOperations);
  }

  /** Returns the distinct discovery operations in ascending order. */
  List<String> discoveryOperations() {
    return SortedStrings.values(discoveryOperations);
  }

  /** Returns how many distinct discovery operations the bucket keeps. */
  int discoveryCount() {
    return SortedStrings.size(discoveryOperations);
  }

  /** Returns how many distinct denied operations the bucket keeps. */
  int deniedCount() {
    return SortedStrings.size(deniedOperations);
  }

  /** Returns the distinct wide networks in ascending order. */
  List<String> wideNetworks() {
    return SortedStrings.values(wideNetworks);
  }

  /** Returns how many operations and networks the bucket keeps. */
  int entries() {
    return SortedStrings.size(wideNetworks)
        + SortedStrings.size(deniedOperations)
        + SortedStrings.size(discoveryOperations);
  }
}
