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
 * @param key the identity
 * @param type the identity type name, such as {@code ROLE_SESSION}
 * @param account the account, subscription or project, or {@code null}
 * @param peerGroups the peer group names, most specific first
 * @param events how many events the history counts
 * @param firstSeen the first event's time
 * @param lastSeen the last event's time
 * @param features per kind, the values by name
 * @param rate the call-rate baseline
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
    RateBaseline rate) {

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
