package dev.skywarden.core.analytics;

import dev.skywarden.core.event.Interner;
import java.time.Instant;
import java.util.List;

/**
 * A read-only view of one time bucket of a full profile, as {@link TimeBuckets#sorted()} lists
 * them: counts, the first and last time, and the distinct wide networks and denied and discovery
 * operations, with the first event kept as evidence of each kind. The sets hold shared strings
 * ({@link Interner}) in the compact form of {@link SortedStrings}. A light profile keeps no buckets
 * ({@link NetworkRuns}).
 *
 * <p>Evidence: {@link #first()} is the bucket's first event by {@link EventOrder#FIRST} and gives
 * the bucket's first time; {@link #firstDenied()} and {@link #firstDiscovery()} are the first
 * denied and discovery events. A packed first event is rebuilt as a new {@link Evidence.Reference}
 * on each call, equal to the one kept but not the same instance.
 *
 * <p>Valid until the next event is added to the profile: a new bucket shifts the slots it reads.
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
  final int calls;

  final int failed;

  private final TimeBuckets buckets;
  private final int position;

  TimeBucket(TimeBuckets buckets, int position, long index, int calls, int failed) {
    this.buckets = buckets;
    this.position = position;
    this.index = index;
    this.calls = calls;
    this.failed = failed;
  }

  /** Returns the evidence of the bucket's first event. */
  Evidence first() {
    return buckets.first(position);
  }

  /** Returns the evidence of the first denied event, or null. */
  Evidence firstDenied() {
    return buckets.firstDenied(position);
  }

  /** Returns the evidence of the first discovery event, or null. */
  Evidence firstDiscovery() {
    return buckets.firstDiscovery(position);
  }

  /** Returns the time of the bucket's first event. */
  Instant firstTime() {
    return buckets.firstTime(position);
  }

  /** Returns the time of the bucket's last event. */
  Instant last() {
    return buckets.last(position);
  }

  /** Returns the distinct denied operations in ascending order. */
  List<String> deniedOperations() {
    return SortedStrings.values(buckets.deniedOperations(position));
  }

  /** Returns the distinct discovery operations in ascending order. */
  List<String> discoveryOperations() {
    return SortedStrings.values(buckets.discoveryOperations(position));
  }

  /** Returns how many distinct discovery operations the bucket keeps. */
  int discoveryCount() {
    return SortedStrings.size(buckets.discoveryOperations(position));
  }

  /** Returns how many distinct denied operations the bucket keeps. */
  int deniedCount() {
    return SortedStrings.size(buckets.deniedOperations(position));
  }

  /** Returns the distinct wide networks in ascending order. */
  List<String> wideNetworks() {
    return SortedStrings.values(buckets.wideNetworks(position));
  }

  /** Returns how many operations and networks the bucket keeps. */
  int entries() {
    return SortedStrings.size(buckets.wideNetworks(position))
        + SortedStrings.size(buckets.deniedOperations(position))
        + SortedStrings.size(buckets.discoveryOperations(position));
  }
}
