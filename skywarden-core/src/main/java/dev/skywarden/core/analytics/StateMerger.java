package dev.skywarden.core.analytics;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Credential;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joins the saved state with the profiles of a hunt into the state to save.
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

  static SavedState merge(
      SavedState saved, Collection<Profile> profiles, AnalyticsLimits limits, Instant savedAt) {
    TreeMap<ProfileKey, IdentityHistory> merged = new TreeMap<>(saved.identities());
    for (Profile profile : profiles) {
      if (profile.first() == null || !longLived(profile)) {
        continue;
      }
      merged.put(profile.key(), merge(saved.get(profile.key()), profile, limits));
    }

    Instant newest = null;
    for (IdentityHistory history : merged.values()) {
      newest = newest == null || history.lastSeen().isAfter(newest) ? history.lastSeen() : newest;
    }
    if (newest != null) {
      Instant cutoff = newest.minus(limits.stateRetention());
      merged.values().removeIf(history -> history.lastSeen().isBefore(cutoff));
    }
    return new SavedState(savedAt, merged);
  }

  private static IdentityHistory merge(
      IdentityHistory old, Profile profile, AnalyticsLimits limits) {
    CloudEvent first = profile.first();
    Map<FeatureKind, Map<String, IdentityHistory.ValueHistory>> features =
        new EnumMap<>(FeatureKind.class);
    if (old != null) {
      old.features().forEach((kind, values) -> features.put(kind, new HashMap<>(values)));
    }
    for (FeatureKind kind : FeatureKind.values()) {
      Map<String, Profile.FeatureStats> values = profile.values(kind);
      if (values.isEmpty()) {
        continue;
      }
      Map<String, IdentityHistory.ValueHistory> target =
          features.computeIfAbsent(kind, k -> new HashMap<>());
      values.forEach(
          (value, stats) ->
              target.merge(
                  value,
                  new IdentityHistory.ValueHistory(stats.count, stats.firstSeen, stats.lastSeen),
                  StateMerger::plus));
    }
    features.replaceAll((kind, values) -> trim(values, limits.stateValuesPerKind()));

    IdentityHistory.RateBaseline rate =
        old == null ? IdentityHistory.RateBaseline.EMPTY : old.rate();
    for (Profile.TimeBucket bucket : profile.buckets().values()) {
      rate =
          rate.plus(
              new IdentityHistory.RateBaseline(
                  1, bucket.calls, bucket.failed, bucket.calls, bucket.discoveryOperations.size()));
    }

    Instant firstSeen = first.time();
    Instant lastSeen = profile.lastSeen();
    long events = profile.events();
    if (old != null) {
      firstSeen = old.firstSeen().isBefore(firstSeen) ? old.firstSeen() : firstSeen;
      lastSeen = old.lastSeen().isAfter(lastSeen) ? old.lastSeen() : lastSeen;
      events += old.events();
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
        rate);
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
    Credential.CredentialKind kind = profile.first().credential().kind();
    return kind == Credential.CredentialKind.ACCESS_KEY
        || kind == Credential.CredentialKind.SERVICE_ACCOUNT_KEY;
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
