package dev.skywarden.core.analytics;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.Behaviour;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.finding.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reports bursts in an identity's time buckets, which are five minutes wide by default. A burst is
 * many distinct operations denied (enumeration), many distinct discovery calls, or a call rate or
 * error rate far above the identity's own baseline. It also reports one credential used from
 * networks far apart (distinct IPv4 /16 or IPv6 /32) within an hour.
 *
 * <p>The thresholds are absolute for enumeration and discovery, which need no history, and relative
 * to the identity's saved and training buckets for the rates, which are only checked after the
 * training window and with at least {@link #MIN_BASELINE_BUCKETS} active buckets of history. It
 * keeps the buckets it reported ({@link #burstBuckets()}), which the saved baseline leaves out.
 *
 * <p>Bursts are decided on counts and sets alone and wait in a list until {@link #emit} gets the
 * events of their evidence, which may have to be read again from the input files ({@link
 * EvidenceStore}). Not thread-safe; used on one thread.
 */
final class BurstDetector {

  /** Per principal, the indexes of the buckets reported as bursts. */
  private final Map<ProfileKey, Set<Long>> burstBuckets = new HashMap<>();

  /** Distinct denied operations in one bucket that make enumeration. */
  static final int DENIED_OPERATIONS = 10;

  /** Distinct discovery operations in one bucket that make a discovery burst. */
  static final int DISCOVERY_OPERATIONS = 20;

  /** Active buckets of history the rate checks need. */
  static final int MIN_BASELINE_BUCKETS = 12;

  /** Calls in one bucket, and the multiple of the mean, that make a call-rate burst. */
  static final int MIN_BURST_CALLS = 100;

  static final int RATE_MULTIPLE = 10;

  /** Failed calls in one bucket, and the failed share, that make an error-rate burst. */
  static final int MIN_FAILED_CALLS = 20;

  static final double FAILED_SHARE = 0.5;

  /** The maximum failed share of the baseline for which an error-rate burst is reported. */
  static final double BASELINE_FAILED_SHARE = 0.1;

  /**
   * The lowest ratio of the baseline's mean to its estimate that {@link #possibleBurstCalls}
   * allows.
   */
  private static final double BASELINE_ESTIMATE_MARGIN = 0.5;

  /** Distinct wide networks of one credential within {@link #SPREAD_WINDOW}. */
  static final int SPREAD_NETWORKS = 3;

  static final Duration SPREAD_WINDOW = Duration.ofHours(1);

  /** How many operations or networks a feature value names before "and N more". */
  private static final int LISTED = 5;

  /**
   * A burst found, waiting for the event of its evidence ({@link #emit}).
   *
   * @param hit makes the hit from the evidence's event
   */
  private record Pending(Evidence evidence, Function<CloudEvent, DetectionHit> hit) {}

  /** Bursts found so far, in the order found. */
  private final List<Pending> pending = new ArrayList<>();

  private long withoutEvidence;

  /** Finds the bursts of one principal profile; {@link #emit} reports them. */
  void detect(Profile profile, Baselines baselines) {
    Baselines.View view = baselines.view(profile);
    IdentityHistory.RateBaseline rate = view.rate();
    boolean rateKnown = view.own() != null || view.training().events() > 0;
    String width = minutes(baselines.bucketWidth());
    for (TimeBucket bucket : profile.buckets()) {
      if (bucket.deniedOperations().size() >= DENIED_OPERATIONS) {
        markBurst(profile, bucket.index);
        report(
            profile,
            view,
            BehaviouralDetection.DENIED_ENUMERATION,
            BehaviouralDetection.DENIED_ENUMERATION.severity(),
            bucket.firstDenied(),
            bucketFeature("denied operations", list(bucket.deniedOperations()), bucket),
            bucket.deniedOperations().size()
                + " distinct operations were denied within "
                + width
                + " to",
            event -> "");
      }
      if (bucket.discoveryOperations().size() >= DISCOVERY_OPERATIONS
          && bucket.discoveryOperations().size() > 2 * rate.maxDistinctDiscovery()) {
        markBurst(profile, bucket.index);
        report(
            profile,
            view,
            BehaviouralDetection.DISCOVERY_BURST,
            BehaviouralDetection.DISCOVERY_BURST.severity(),
            bucket.firstDiscovery(),
            bucketFeature("discovery operations", list(bucket.discoveryOperations()), bucket),
            bucket.discoveryOperations().size()
                + " distinct discovery operations were called within "
                + width
                + " (at most "
                + rate.maxDistinctDiscovery()
                + " before) by",
            event -> "");
      }
      if (!rateKnown
          || baselines.inTraining(bucket.index)
          || rate.activeBuckets() < MIN_BASELINE_BUCKETS) {
        continue;
      }
      double mean = rate.meanCalls();
      if (bucket.calls >= MIN_BURST_CALLS && bucket.calls >= RATE_MULTIPLE * mean) {
        markBurst(profile, bucket.index);
        report(
            profile,
            view,
            BehaviouralDetection.CALL_RATE,
            BehaviouralDetection.CALL_RATE.severity(),
            bucket.first(),
            bucketFeature("calls per bucket", Long.toString(bucket.calls), bucket),
            bucket.calls
                + " calls were made within "
                + width
                + String.format(java.util.Locale.ROOT, " (%.1f on average before) by", mean),
            event -> "");
      }
      double share = (double) bucket.failed / bucket.calls;
      if (bucket.failed >= MIN_FAILED_CALLS
          && share >= FAILED_SHARE
          && rate.failedShare() < BASELINE_FAILED_SHARE) {
        markBurst(profile, bucket.index);
        report(
            profile,
            view,
            BehaviouralDetection.ERROR_RATE,
            BehaviouralDetection.ERROR_RATE.severity(),
            bucket.first(),
            bucketFeature("failed calls per bucket", bucket.failed + " of " + bucket.calls, bucket),
            String.format(
                java.util.Locale.ROOT,
                "%d of %d calls failed within %s (%.0f%% failed before) for",
                bucket.failed,
                bucket.calls,
                width,
                100 * rate.failedShare()),
            event -> "");
      }
    }
  }

  /**
   * Returns whether {@link #detect} may report a bucket with these counts: it reaches the
   * thresholds of enumeration, discovery or error rate that need no baseline, or has at least
   * {@code callFloor} calls ({@link #possibleBurstCalls}). A bucket for which it returns false is
   * reported for none of the four, unless the baseline's mean is under {@code callFloor} divided by
   * {@link #RATE_MULTIPLE}.
   */
  static boolean mayReport(
      int calls, int failed, int deniedOperations, int discoveryOperations, double callFloor) {
    return deniedOperations >= DENIED_OPERATIONS
        || discoveryOperations >= DISCOVERY_OPERATIONS
        || calls >= Math.max(MIN_BURST_CALLS, callFloor)
        || (failed >= MIN_FAILED_CALLS && failed >= FAILED_SHARE * calls);
  }

  /**
   * Returns the fewest calls of a bucket that may be a call-rate burst when the identity's mean
   * calls per active bucket is estimated at {@code estimatedMean}: {@link #RATE_MULTIPLE} times
   * half the estimate. The baseline that {@link #detect} uses (the saved state and the training
   * part) may be quieter than the estimate, and half leaves room for that. Without the estimate, a
   * workload of more than {@link #MIN_BURST_CALLS} calls in every bucket would keep every bucket as
   * a possible burst.
   */
  static double possibleBurstCalls(double estimatedMean) {
    return RATE_MULTIPLE * BASELINE_ESTIMATE_MARGIN * estimatedMean;
  }

  private void markBurst(Profile profile, long bucket) {
    burstBuckets.computeIfAbsent(profile.key(), key -> new HashSet<>()).add(bucket);
  }

  /** Returns, per principal, the indexes of the buckets reported as bursts so far. */
  Map<ProfileKey, Set<Long>> burstBuckets() {
    return burstBuckets;
  }

  /**
   * Returns the spread window in buckets of {@code bucketWidth}, at least one bucket.
   *
   * @throws IllegalArgumentException when the width is not positive
   */
  static long spreadWindowBuckets(Duration bucketWidth) {
    long width = bucketWidth.toMillis();
    if (width <= 0) {
      throw new IllegalArgumentException("bucket width must be positive: " + bucketWidth);
    }
    return Math.max(1, SPREAD_WINDOW.toMillis() / width);
  }

  /**
   * Reports a credential used from {@link #SPREAD_NETWORKS} or more wide networks within {@link
   * #SPREAD_WINDOW}, at least one of them new for its principal: once per credential, at the first
   * span of the window, by its last bucket, where that happens ({@link NetworkRuns#firstSpread}).
   *
   * <p>Evidence: a full profile (a long-lived key) reports the first event of that last bucket, and
   * the bucket's first and last time and calls. A light profile keeps no buckets, so it reports the
   * first event of the networks that joined the span in that bucket (the runs that start there),
   * and their first and last time and calls in it. The two differ when the bucket also contains
   * calls from networks used in the buckets before it, or calls without an address.
   *
   * @param knownWideNetworks the wide networks its principal's history (own, person or role) holds:
   *     a person's office, home and VPN used within an hour are no sign of a stolen session
   * @param thinHistory whether that history is thin ({@link Baselines.View#thin()}), which makes
   *     the finding medium instead of high: a new network means less against a short history
   * @param inputs the names of the inputs that evidence references point to
   */
  void detectSpread(
      Profile credential,
      Set<String> knownWideNetworks,
      boolean thinHistory,
      Baselines baselines,
      InputNames inputs) {
    Severity severity =
        thinHistory ? Severity.MEDIUM : BehaviouralDetection.CREDENTIAL_SPREAD.severity();
    NetworkRuns runs = credential.networkRuns();
    List<TimeBucket> buckets = credential.buckets();
    if (runs == null) {
      runs =
          NetworkRuns.ofBuckets(
              buckets, spreadWindowBuckets(baselines.bucketWidth()), Integer.MAX_VALUE);
    }
    NetworkRuns.Spread spread = runs.firstSpread(SPREAD_NETWORKS, knownWideNetworks);
    if (spread == null) {
      return;
    }

    Evidence evidence;
    Behaviour.Feature feature;
    String networks = list(spread.networks());
    if (credential.light()) {
      evidence = null;
      long lastMillis = Long.MIN_VALUE;
      long calls = 0;
      for (NetworkRuns.Run run : spread.starting()) {
        if (evidence == null || EventOrder.compare(run.firstEvent, evidence, inputs) < 0) {
          evidence = run.firstEvent;
        }
        lastMillis = Math.max(lastMillis, run.firstBucketLastMillis);
        calls += run.firstBucketCalls;
      }
      feature =
          new Behaviour.Feature(
              "wide networks",
              networks,
              Behaviour.BURST,
              evidence.time(),
              Instant.ofEpochMilli(lastMillis),
              calls);
    } else {
      TimeBucket bucket = bucketAt(buckets, spread.endBucket());
      evidence = bucket.first();
      feature = bucketFeature("wide networks", networks, bucket);
    }

    Baselines.View view = baselines.view(credential);
    Behaviour.History history =
        view.history() != null
            ? view.history()
            : new Behaviour.History(
                "this hunt",
                credential.firstSeen(),
                credential.lastSeen(),
                credential.events(),
                credential.firstSeen(),
                credential.lastSeen());
    report(
        credential,
        new Baselines.View(
            view.own(), null, null, HistoryLevel.CREDENTIAL, null, null, history, view.training()),
        BehaviouralDetection.CREDENTIAL_SPREAD,
        severity,
        evidence,
        feature,
        spread.networks().size()
            + " networks far apart (IPv4 /16, IPv6 /32, the own cloud's ranges as one) within "
            + minutes(SPREAD_WINDOW)
            + " were used by",
        event -> "of principal " + event.actor().displayName());
  }

  /** Returns the bucket with {@code index} of a sorted list, which must hold it. */
  private static TimeBucket bucketAt(List<TimeBucket> buckets, long index) {
    int low = 0;
    int high = buckets.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      long value = buckets.get(mid).index;
      if (value < index) {
        low = mid + 1;
      } else if (value > index) {
        high = mid - 1;
      } else {
        return buckets.get(mid);
      }
    }
    throw new IllegalStateException("no bucket " + index + " among " + buckets.size());
  }

  /** Passes to {@code needed} the evidence of every burst found so far. */
  void collectNeeded(Consumer<Evidence> needed) {
    for (Pending burst : pending) {
      needed.accept(burst.evidence());
    }
  }

  /**
   * Reports the bursts found, each on the event of its evidence; a burst whose event could not be
   * read again is counted in {@link #withoutEvidence()} instead.
   */
  void emit(EvidenceStore.Events events, Consumer<DetectionHit> hits) {
    for (Pending burst : pending) {
      CloudEvent event = events.event(burst.evidence());
      if (event == null) {
        withoutEvidence++;
      } else {
        hits.accept(burst.hit().apply(event));
      }
    }
    pending.clear();
  }

  /** Returns how many bursts were not reported because their event could not be read again. */
  long withoutEvidence() {
    return withoutEvidence;
  }

  private void report(
      Profile profile,
      Baselines.View view,
      BehaviouralDetection detection,
      Severity severity,
      Evidence evidence,
      Behaviour.Feature feature,
      String what,
      Function<CloudEvent, String> note) {
    Behaviour.History history = view.shownHistory();
    // A burst is judged against the identity's own rates (and its group's discovery maximum), so
    // a peer group appears only when it is the whole history.
    boolean peerLevel = view.level() == HistoryLevel.PEER_GROUP;
    Behaviour behaviour =
        new Behaviour(
            profile.key().scope().label(),
            profile.key().id(),
            List.of(feature),
            false,
            history,
            peerLevel ? view.peerGroup() : null,
            peerLevel ? view.peerCount() : 0,
            view.level().label());
    pending.add(
        new Pending(
            evidence,
            event ->
                new DetectionHit(
                    detection.ruleId(),
                    detection.title(),
                    severity,
                    detection.techniqueIds(),
                    event,
                    Explanations.sentence(
                        what, behaviour, event.actor().displayName(), note.apply(event)),
                    behaviour)));
  }

  /** Returns the feature of a burst in one bucket, with the bucket's times and calls. */
  private static Behaviour.Feature bucketFeature(String kind, String value, TimeBucket bucket) {
    return new Behaviour.Feature(
        kind, value, Behaviour.BURST, bucket.firstTime(), bucket.last(), bucket.calls);
  }

  /** Lists the first values of an ascending, distinct collection. */
  private static String list(java.util.Collection<String> values) {
    List<String> shown = new ArrayList<>();
    for (String value : values) {
      if (shown.size() == LISTED) {
        break;
      }
      shown.add(value);
    }
    String text = String.join(", ", shown);
    return values.size() > LISTED ? text + " and " + (values.size() - LISTED) + " more" : text;
  }

  private static String minutes(Duration duration) {
    return duration.toMinutes() + " minutes";
  }
}
