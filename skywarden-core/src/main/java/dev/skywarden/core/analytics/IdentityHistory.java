package dev.skywarden.core.analytics;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the saved state keeps of one identity: its peer groups, how many events it made and when,
 * the distinct values of each feature kind with their counts and times, and its call-rate baseline.
 * Immutable.
 *
 * <p>The span from {@code firstSeen} to {@code lastSeen} (both inclusive) is the part of time whose
 * events the history already counts: a later hunt adds the counts of events outside it only, so
 * hunting the same logs twice does not count them twice (see {@link StateMerger}).
 *
 * @param key the identity
 * @param type the identity type name, such as {@code ROLE_SESSION}
 * @param account the account, subscription or project, or {@code null}
 * @param peerGroups the peer group names, most specific first
 * @param events how many events the history counts
 * @param firstSeen the first event's time
 * @param lastSeen the last event's time
 * @param features per kind, the values by name
 * @param rate the call-rate baseline
 * @param before the totals before the last hunt that added events, or {@code null} when that hunt
 *     was the identity's first (or the file predates checkpoints)
 */
public record IdentityHistory(
    ProfileKey key,
    String type,
    String account,
    List<String> peerGroups,
    long events,
    Instant firstSeen,
    Instant lastSeen,
    Map<FeatureKind, Map<String, ValueHistory>> features,
    RateBaseline rate,
    Checkpoint before) {

  public IdentityHistory {
    peerGroups = List.copyOf(peerGroups);
    EnumMap<FeatureKind, Map<String, ValueHistory>> copy = new EnumMap<>(FeatureKind.class);
    features.forEach((kind, values) -> copy.put(kind, Map.copyOf(values)));
    features = copy;
  }

  /** Returns whether the history contains {@code value} of {@code kind}. */
  public boolean knows(FeatureKind kind, String value) {
    Map<String, ValueHistory> values = features.get(kind);
    return values != null && values.containsKey(value);
  }

  /**
   * Returns whether the history contains {@code value} of {@code kind} first seen before {@code
   * time}. A value first seen at or after it was learnt from that event or a later one, such as
   * from an earlier hunt of the same logs, so it was not known at that time.
   *
   * @param time the time of the value's first event in the hunt, or {@code null} for any time
   */
  public boolean knowsBefore(FeatureKind kind, String value, Instant time) {
    Map<String, ValueHistory> values = features.get(kind);
    ValueHistory history = values == null ? null : values.get(value);
    if (history == null) {
      return false;
    }
    return time == null || history.firstSeen().isBefore(time);
  }

  /**
   * Returns the history as it was known before {@code time}, or {@code null} when nothing was: when
   * the identity was first seen at or after it. When {@code time} is at or before the start of the
   * last hunt's added events, the totals and the rate are those of {@link #before}, so a hunt of
   * the same logs again reads the totals that the first hunt read. The values are kept whole;
   * {@link #knowsBefore} filters them by time.
   *
   * <p>NOTE: only one checkpoint is kept. A hunt that starts before the last hunt's added events
   * but does not repeat them (such as yesterday's logs again after today's) gets the totals of the
   * checkpoint, which may still count some of its own events.
   */
  public IdentityHistory asOf(Instant time) {
    if (before != null && !time.isAfter(before.since())) {
      if (before.events() == 0 || !before.firstSeen().isBefore(time)) {
        return null;
      }
      return new IdentityHistory(
          key,
          type,
          account,
          peerGroups,
          before.events(),
          before.firstSeen(),
          before.lastSeen(),
          features,
          before.rate(),
          null);
    }
    return firstSeen.isBefore(time) ? this : null;
  }

  /** Returns whether {@code time} lies in the span of events the history already counts. */
  public boolean counts(Instant time) {
    return !time.isBefore(firstSeen) && !time.isAfter(lastSeen);
  }

  /**
   * The totals of an identity before the last hunt that added events to it.
   *
   * @param since the time of the earliest event that hunt added
   * @param events how many events the history counted before it
   * @param firstSeen the first event's time before it
   * @param lastSeen the last event's time before it
   * @param rate the call-rate baseline before it
   */
  public record Checkpoint(
      Instant since, long events, Instant firstSeen, Instant lastSeen, RateBaseline rate) {}

  /**
   * One value of one feature kind in the history.
   *
   * @param count how many events had it
   * @param firstSeen its first event's time
   * @param lastSeen its last event's time
   */
  public record ValueHistory(long count, Instant firstSeen, Instant lastSeen) {}

  /**
   * The call rate of an identity over its active time buckets (buckets with at least one call).
   *
   * @param activeBuckets how many buckets had a call
   * @param calls calls in those buckets
   * @param failed failed calls in those buckets
   * @param maxCalls the most calls in one bucket
   * @param maxDistinctDiscovery the most distinct discovery operations in one bucket
   */
  public record RateBaseline(
      long activeBuckets, long calls, long failed, long maxCalls, long maxDistinctDiscovery) {

    public static final RateBaseline EMPTY = new RateBaseline(0, 0, 0, 0, 0);

    /** Returns the sum of two baselines: counts add, maxima take the larger. */
    public RateBaseline plus(RateBaseline other) {
      return new RateBaseline(
          activeBuckets + other.activeBuckets,
          calls + other.calls,
          failed + other.failed,
          Math.max(maxCalls, other.maxCalls),
          Math.max(maxDistinctDiscovery, other.maxDistinctDiscovery));
    }

    /** Returns the mean calls per active bucket, or 0 without buckets. */
    public double meanCalls() {
      return activeBuckets == 0 ? 0 : (double) calls / activeBuckets;
    }

    /** Returns the share of failed calls, or 0 without calls. */
    public double failedShare() {
      return calls == 0 ? 0 : (double) failed / calls;
    }
  }
}
