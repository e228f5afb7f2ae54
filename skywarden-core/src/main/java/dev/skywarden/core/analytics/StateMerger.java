package dev.skywarden.core.analytics;

import dev.skywarden.core.event.CloudEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Joins the saved state with the profiles of a hunt into the state to save.
 *
 * <p>Hunting the same logs again leaves the state as it is. Each identity's saved span, from its
 * first to its last saved event (both inclusive), counts as already added. Only the events outside
 * it add to the event count, to the counts of values and to the call-rate baseline, where only time
 * buckets wholly outside the span count. First and last times merge by minimum and maximum, so
 * repeating them changes nothing. A value the saved history lacks is added with all its events,
 * because none of them was counted for it.
 *
 * <p>Late events inside the span (a log file delivered after a later hunt) are therefore not
 * counted; their new values are still learnt. This undercounts such events rather than double
 * counting every re-hunt. Events at exactly the saved last time are inside the span, so a late
 * file's events in the same second as the last saved event are not counted either.
 *
 * <p>Time buckets that {@link BurstDetector} reported are left out of the call-rate baseline, so
 * that an attack burst does not raise the baseline against which the next hunt judges it.
 *
 * <p>Size bound: per identity at most {@link AnalyticsLimits#stateValuesPerKind()} values of each
 * of the {@link FeatureKind}s, the most recently seen (ties by value), and identities whose last
 * event is more than {@link AnalyticsLimits#stateRetention()} older than the newest event of the
 * state are dropped. A state file is therefore at most about {@code identities * kinds *
 * stateValuesPerKind} value entries of roughly 100 bytes each, whatever the number of events.
 */
final class StateMerger {

  private static final Comparator<Map.Entry<String, IdentityHistory.ValueHistory>> RECENT_FIRST =
      Comparator.<Map.Entry<String, IdentityHistory.ValueHistory>, Instant>comparing(
              entry -> entry.getValue().lastSeen(), Comparator.reverseOrder())
          .thenComparing(Map.Entry::getKey);

  private StateMerger() {}

  /**
   * Returns the state to save, or {@code saved} itself (with its old save time) when the hunt
   * changed nothing in it.
   *
   * @param burstBuckets per identity, the indexes of the time buckets reported as bursts
   */
  static SavedState merge(
      SavedState saved,
      Collection<Profile> profiles,
      AnalyticsLimits limits,
      Instant savedAt,
      Map<ProfileKey, Set<Long>> burstBuckets) {
    TreeMap<ProfileKey, IdentityHistory> merged = new TreeMap<>(saved.identities());
    for (Profile profile : profiles) {
      if (profile.first() == null || !longLived(profile)) {
        continue;
      }
      Set<Long> bursts = burstBuckets.getOrDefault(profile.key(), Set.of());
      merged.put(profile.key(), merge(saved.get(profile.key()), profile, limits, bursts));
    }

    Instant newest = null;
    for (IdentityHistory history : merged.values()) {
      newest = newest == null || history.lastSeen().isAfter(newest) ? history.lastSeen() : newest;
    }
    if (newest != null) {
      Instant cutoff = newest.minus(limits.stateRetention());
      merged.values().removeIf(history -> history.lastSeen().isBefore(cutoff));
    }
    if (merged.equals(saved.identities())) {
      return saved;
    }
    return new SavedState(savedAt, merged);
  }

  private static IdentityHistory merge(
      IdentityHistory old, Profile profile, AnalyticsLimits limits, Set<Long> bursts) {
    CloudEvent first = profile.first();
    Map<FeatureKind, Map<String, IdentityHistory.ValueHistory>> features =
        new EnumMap<>(FeatureKind.class);
    if (old != null) {
      old.features().forEach((kind, values) -> features.put(kind, new HashMap<>(values)));
    }
    boolean valueAdded = false;
    for (FeatureKind kind : FeatureKind.values()) {
      Map<String, Profile.FeatureStats> values = profile.values(kind);
      if (values.isEmpty()) {
        continue;
      }
      Map<String, IdentityHistory.ValueHistory> target =
          features.computeIfAbsent(kind, k -> new HashMap<>());
      for (Map.Entry<String, Profile.FeatureStats> entry : values.entrySet()) {
        Profile.FeatureStats stats = entry.getValue();
        IdentityHistory.ValueHistory known = target.get(entry.getKey());
        long count = known == null ? stats.count : stats.unsavedCount;
        valueAdded |= known == null;
        target.merge(
            entry.getKey(),
            new IdentityHistory.ValueHistory(count, stats.firstSeen(), stats.lastSeen()),
            StateMerger::plus);
      }
    }
    if (old != null && profile.unsavedEvents() == 0 && !valueAdded) {
      return old;
    }
    features.replaceAll((kind, values) -> trim(values, limits.stateValuesPerKind()));

    IdentityHistory.RateBaseline rate =
        old == null ? IdentityHistory.RateBaseline.EMPTY : old.rate();
    // The late set keeps mostly possible bursts once full, so the baseline learns the earliest
    // only.
    for (TimeBucket bucket : profile.earliestBuckets()) {
      boolean unsaved =
          old == null
              || bucket.last().isBefore(old.firstSeen())
              || bucket.firstTime().isAfter(old.lastSeen());
      if (unsaved && !bursts.contains(bucket.index)) {
        rate =
            rate.plus(
                new IdentityHistory.RateBaseline(
                    1, bucket.calls, bucket.failed, bucket.calls, bucket.discoveryCount()));
      }
    }

    Instant firstSeen = first.time();
    Instant lastSeen = profile.lastSeen();
    long events = profile.unsavedEvents();
    IdentityHistory.Checkpoint before = null;
    if (old != null) {
      firstSeen = old.firstSeen().isBefore(firstSeen) ? old.firstSeen() : firstSeen;
      lastSeen = old.lastSeen().isAfter(lastSeen) ? old.lastSeen() : lastSeen;
      events += old.events();
      before =
          profile.unsavedEvents() == 0
              ? old.before()
              : new IdentityHistory.Checkpoint(
                  profile.firstUnsaved(),
                  old.events(),
                  old.firstSeen(),
                  old.lastSeen(),
                  old.rate());
    }
    String account =
        first.actor().accountId() != null ? first.actor().accountId() : first.account();
    return new IdentityHistory(
        profile.key(),
        first.actor().type().name(),
        account,
        PeerGroups.of(first),
        events,
        firstSeen,
        lastSeen,
        features,
        rate,
        before);
  }

  /**
   * Returns whether a profile outlives the hunt: every principal, and credentials that are
   * long-lived keys. Session and token ids change every hour or so, so keeping them would make the
   * state grow with time instead of with identities.
   */
  private static boolean longLived(Profile profile) {
    if (profile.key().scope() == ProfileKey.Scope.PRINCIPAL) {
      return true;
    }
    return !profile.light() && Profile.longLived(profile.first().credential().kind());
  }

  private static IdentityHistory.ValueHistory plus(
      IdentityHistory.ValueHistory a, IdentityHistory.ValueHistory b) {
    return new IdentityHistory.ValueHistory(
        a.count() + b.count(),
        a.firstSeen().isBefore(b.firstSeen()) ? a.firstSeen() : b.firstSeen(),
        a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen());
  }

  private static Map<String, IdentityHistory.ValueHistory> trim(
      Map<String, IdentityHistory.ValueHistory> values, int max) {
    if (values.size() <= max) {
      return values;
    }
    List<Map.Entry<String, IdentityHistory.ValueHistory>> entries =
        new ArrayList<>(values.entrySet());
    entries.sort(RECENT_FIRST);
    Map<String, IdentityHistory.ValueHistory> kept = new HashMap<>();
    for (Map.Entry<String, IdentityHistory.ValueHistory> entry : entries.subList(0, max)) {
      kept.put(entry.getKey(), entry.getValue());
    }
    return kept;
  }
}
