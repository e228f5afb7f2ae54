package dev.skywarden.core.analytics;

import java.time.Duration;

/**
 * Bounds on the memory of the profiles and the size of the saved state.
 *
 * @param maxValuesPerKind distinct values one identity keeps per feature kind during a hunt: the
 *     smallest in {@link String} order, so the choice does not depend on event order; events of
 *     other values are counted as dropped. Also the distinct wide networks a light profile keeps
 *     ({@link NetworkRuns}), the smallest, whose other networks are not counted
 * @param maxBuckets time buckets one full profile keeps as its earliest set: the earliest, which
 *     hold its training part and its call-rate baseline
 * @param maxLateBuckets time buckets one full profile keeps after a full earliest set, so that
 *     bursts later in a long input are still judged: when more are needed, a bucket that cannot be
 *     reported as a burst is evicted ({@link TimeBuckets}); 0 keeps the earliest buckets only
 * @param bucketWidth the width of a burst bucket
 * @param maxOperationsPerBucket distinct denied and discovery operations one bucket keeps, each
 * @param maxNetworksPerBucket distinct wide networks (IPv4 /16, IPv6 /32) one bucket of a full
 *     profile keeps
 * @param stateValuesPerKind distinct values one identity keeps per feature kind in the saved state:
 *     the most recently seen
 * @param stateRetention how long an identity stays in the saved state after its last event
 */
public record AnalyticsLimits(
    int maxValuesPerKind,
    int maxBuckets,
    int maxLateBuckets,
    Duration bucketWidth,
    int maxOperationsPerBucket,
    int maxNetworksPerBucket,
    int stateValuesPerKind,
    Duration stateRetention) {

  /**
   * 512 values, 8,064 earliest five-minute buckets (28 days) and 2,016 late ones (7 days), 64
   * operations, 8 networks, 256, 90 days.
   */
  public static final AnalyticsLimits DEFAULTS =
      new AnalyticsLimits(512, 8064, 2016, Duration.ofMinutes(5), 64, 8, 256, Duration.ofDays(90));

  public AnalyticsLimits {
    if (maxValuesPerKind < 1 || maxBuckets < 1 || stateValuesPerKind < 1) {
      throw new IllegalArgumentException("analytics limits must be at least 1");
    }
    if (maxLateBuckets < 0) {
      throw new IllegalArgumentException("late buckets must be at least 0: " + maxLateBuckets);
    }
    if (bucketWidth.isNegative() || bucketWidth.isZero()) {
      throw new IllegalArgumentException("bucket width must be positive: " + bucketWidth);
    }
  }
}
