package dev.skywarden.core.finding;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The structured explanation of a behavioural finding: what was new or rare, the history it was
 * compared with, and the peer group used when the identity had no history of its own.
 *
 * @param subject what was profiled: {@code principal} or {@code credential}
 * @param identity the principal name or credential id that was profiled. For an AWS role session
 *     with a generated name (a CI run, an instance, an SDK default) it is the role ARN, because
 *     such sessions share their role's profile. The finding's principal is still the session.
 * @param features the features that were new or rare, sorted by kind and value, at most {@link
 *     FindingAggregator#MAX_VALUES}
 * @param featuresTruncated whether more features were new than {@code features} lists
 * @param history the history the features were compared with
 * @param peerGroup the peer group compared with, such as {@code role
 *     arn:aws:iam::111122223333:role/deploy}, or {@code null} when the identity's own history was
 *     used
 * @param peerCount how many identities with history the peer group had; 0 without a peer group
 * @param historyLevel the level of the history: {@code credential} or {@code principal} (the
 *     identity's own), {@code person} or {@code role} (its own joined with its person's other
 *     identities or its role's other sessions), or {@code peer group}
 */
public record Behaviour(
    String subject,
    String identity,
    List<Feature> features,
    boolean featuresTruncated,
    History history,
    String peerGroup,
    int peerCount,
    String historyLevel) {

  public Behaviour {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(historyLevel, "historyLevel");
    features = List.copyOf(features);
  }

  /**
   * Creates a behaviour whose history level follows from the peer group: {@code peer group} with
   * one, else the subject ({@code principal} or {@code credential}).
   */
  public Behaviour(
      String subject,
      String identity,
      List<Feature> features,
      boolean featuresTruncated,
      History history,
      String peerGroup,
      int peerCount) {
    this(
        subject,
        identity,
        features,
        featuresTruncated,
        history,
        peerGroup,
        peerCount,
        peerGroup == null ? subject : "peer group");
  }

  /**
   * The feature kinds that describe where a call came from, as the analytics label them: a new or
   * rare value of one of them shows the identity calling from a new source.
   */
  public static final Set<String> SOURCE_KINDS =
      Set.of("network", "asn", "country", "cloud range", "client");

  /** The rarity of a count far above the history. */
  public static final String BURST = "burst";

  /**
   * Returns whether a feature shows a new source ({@link #SOURCE_KINDS}) or a burst of any kind. A
   * new operation, region, hour or parameter alone does not.
   */
  public boolean showsNewSourceOrBurst() {
    for (Feature feature : features) {
      if (isSourceOrBurst(feature)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSourceOrBurst(Feature feature) {
    return BURST.equals(feature.rarity())
        || (feature.kind() != null && SOURCE_KINDS.contains(feature.kind()));
  }

  /**
   * Returns whether a feature that {@link #showsNewSourceOrBurst() shows a new source or a burst}
   * was first seen between {@code start} and {@code end}, both inclusive. A feature without a first
   * seen time counts as not seen then.
   */
  public boolean showsNewSourceOrBurstBetween(Instant start, Instant end) {
    for (Feature feature : features) {
      if (isSourceOrBurst(feature)
          && feature.firstSeen() != null
          && !feature.firstSeen().isBefore(start)
          && !feature.firstSeen().isAfter(end)) {
        return true;
      }
    }
    return false;
  }

  /** Returns a copy with other features. */
  public Behaviour withFeatures(List<Feature> newFeatures, boolean truncated) {
    return new Behaviour(
        subject, identity, newFeatures, truncated, history, peerGroup, peerCount, historyLevel);
  }

  /**
   * One new or rare feature value.
   *
   * @param kind the feature kind, such as {@code operation}, {@code network} or {@code client}
   * @param value the value, such as {@code iam.amazonaws.com CreateAccessKey} or {@code
   *     203.0.113.0/24}
   * @param rarity {@code new} (never in the history), {@code rare} or {@code burst} (a count far
   *     above the history)
   * @param firstSeen when the value was first seen in this hunt
   * @param lastSeen when the value was last seen in this hunt
   * @param count how many events of this hunt had the value
   */
  public record Feature(
      String kind, String value, String rarity, Instant firstSeen, Instant lastSeen, long count)
      implements Comparable<Feature> {

    @Override
    public int compareTo(Feature other) {
      int byKind = kind.compareTo(other.kind);
      return byKind != 0 ? byKind : value.compareTo(other.value);
    }
  }

  /**
   * The history a feature was compared with.
   *
   * @param source where it came from: {@code saved state}, {@code training window} or both joined
   *     with {@code and}
   * @param windowStart the start of the history, or {@code null} when it is empty
   * @param windowEnd the end of the history (exclusive), or {@code null} when it is empty
   * @param events how many events the history holds
   * @param firstSeen the first event of the identity (or peer group) in the history, or {@code
   *     null}
   * @param lastSeen the last event of the identity (or peer group) in the history, or {@code null}
   */
  public record History(
      String source,
      Instant windowStart,
      Instant windowEnd,
      long events,
      Instant firstSeen,
      Instant lastSeen) {}
}
