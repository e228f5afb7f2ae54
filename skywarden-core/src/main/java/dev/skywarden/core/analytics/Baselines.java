package dev.skywarden.core.analytics;

import dev.skywarden.core.finding.Behaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The history each identity of a hunt is compared with: its saved state, the part of this hunt
 * before the end of the training window, or, for an identity with neither, its first peer group
 * with history.
 *
 * <p>The saved state is read as it was before this hunt's events ({@link IdentityHistory#asOf}): an
 * identity's own history as of its first event in the hunt, its values as of each value's first
 * event ({@link IdentityHistory#knowsBefore}), and its peers' histories and values as of the start
 * of the input. So a hunt of logs that an earlier hunt already saved gives the findings of that
 * earlier hunt, not an empty report.
 *
 * <p>Built once in {@link AnalyticsRun#finish}, after every event has been added, so nothing here
 * depends on event order. Not thread-safe; used on one thread.
 */
final class Baselines {

  /**
   * Training events below which an identity without saved state is judged against its peers,
   * because a few minutes of one person's activity show too little of what is normal for them.
   */
  static final int MIN_OWN_EVENTS = 50;

  private final SavedState saved;
  private final Instant inputStart;
  private final Instant runStart;
  private final Instant trainingEnd;
  private final long trainingEndBucket;
  private final Duration bucketWidth;
  private final Map<String, PeerKnowledge> peers = new HashMap<>();

  /** The knowledge of a peer group: the union of its members' values and their activity. */
  static final class PeerKnowledge {
    final Map<FeatureKind, Set<String>> values = new EnumMap<>(FeatureKind.class);
    boolean fromState;
    boolean fromTraining;
    int members;
    long events;
    Instant firstSeen;
    Instant lastSeen;

    void addActivity(long count, Instant first, Instant last) {
      members++;
      events += count;
      firstSeen = firstSeen == null || first.isBefore(firstSeen) ? first : firstSeen;
      lastSeen = lastSeen == null || last.isAfter(lastSeen) ? last : lastSeen;
    }
  }

  /** The training part of one profile: events in buckets before the training end. */
  record TrainingPart(
      long events, Instant firstSeen, Instant lastSeen, IdentityHistory.RateBaseline rate) {}

  Baselines(
      SavedState saved,
      Iterable<Profile> profiles,
      Instant runStart,
      Duration trainingWindow,
      Duration bucketWidth) {
    this.saved = saved;
    this.inputStart = runStart;
    this.bucketWidth = bucketWidth;
    long width = bucketWidth.toMillis();
    long startBucket = Math.floorDiv(runStart.toEpochMilli(), width);
    this.runStart = Instant.ofEpochMilli(startBucket * width);
    this.trainingEnd = this.runStart.plus(trainingWindow);
    this.trainingEndBucket = Math.floorDiv(trainingEnd.toEpochMilli() + width - 1, width);
    indexPeers(profiles);
  }

  Instant trainingEnd() {
    return trainingEnd;
  }

  /** Returns whether a time falls in the training window. */
  boolean inTraining(Instant time) {
    return time.isBefore(trainingEnd);
  }

  /** Returns whether a bucket index lies wholly in the training window. */
  boolean inTraining(long bucket) {
    return bucket < trainingEndBucket;
  }

  private void indexPeers(Iterable<Profile> profiles) {
    for (IdentityHistory stored : saved.identities().values()) {
      IdentityHistory history = stored.asOf(inputStart);
      if (history == null || history.key().scope() != ProfileKey.Scope.PRINCIPAL) {
        continue;
      }
      for (String group : history.peerGroups()) {
        PeerKnowledge knowledge = peers.computeIfAbsent(group, g -> new PeerKnowledge());
        knowledge.fromState = true;
        knowledge.addActivity(history.events(), history.firstSeen(), history.lastSeen());
        history
            .features()
            .forEach(
                (kind, values) ->
                    values.forEach(
                        (value, valueHistory) -> {
                          if (valueHistory.firstSeen().isBefore(inputStart)) {
                            knowledge.values.computeIfAbsent(kind, k -> new HashSet<>()).add(value);
                          }
                        }));
      }
    }
    for (Profile profile : profiles) {
      if (profile.key().scope() != ProfileKey.Scope.PRINCIPAL) {
        continue;
      }
      TrainingPart training = training(profile);
      if (training.events() == 0) {
        continue;
      }
      for (String group : PeerGroups.of(profile.first())) {
        PeerKnowledge knowledge = peers.computeIfAbsent(group, g -> new PeerKnowledge());
        knowledge.fromTraining = true;
        if (own(profile) == null) {
          knowledge.addActivity(training.events(), training.firstSeen(), training.lastSeen());
        }
        for (FeatureKind kind : FeatureKind.values()) {
          profile
              .values(kind)
              .forEach(
                  (value, stats) -> {
                    if (inTraining(stats.firstSeen)) {
                      knowledge.values.computeIfAbsent(kind, k -> new HashSet<>()).add(value);
                    }
                  });
        }
      }
    }
  }

  /** Sums the buckets of a profile that lie in the training window. */
  TrainingPart training(Profile profile) {
    long events = 0;
    long active = 0;
    long failed = 0;
    long maxCalls = 0;
    long maxDiscovery = 0;
    Instant first = null;
    Instant last = null;
    for (var entry : profile.buckets().headMap(trainingEndBucket, false).entrySet()) {
      Profile.TimeBucket bucket = entry.getValue();
      events += bucket.calls;
      active++;
      failed += bucket.failed;
      maxCalls = Math.max(maxCalls, bucket.calls);
      maxDiscovery = Math.max(maxDiscovery, bucket.discoveryOperations.size());
      if (first == null) {
        first = bucket.first.time();
      }
      last = bucket.last;
    }
    return new TrainingPart(
        events,
        first,
        last,
        new IdentityHistory.RateBaseline(active, events, failed, maxCalls, maxDiscovery));
  }

  /**
   * Returns the view of one identity's history: its own when it has saved state or at least {@link
   * #MIN_OWN_EVENTS} events in the training window, else its peer group's when one has members,
   * else its own thin history (or none).
   */
  View view(Profile profile) {
    IdentityHistory own = own(profile);
    TrainingPart training = training(profile);
    boolean thin = own == null && training.events() < MIN_OWN_EVENTS;
    if (!thin) {
      return new View(own, null, null, 0, ownHistory(own, training), training);
    }
    if (profile.key().scope() == ProfileKey.Scope.PRINCIPAL) {
      for (String group : PeerGroups.of(profile.first())) {
        PeerKnowledge knowledge = peers.get(group);
        if (knowledge != null && knowledge.members > 0) {
          return new View(
              null, knowledge, group, knowledge.members, peerHistory(knowledge), training);
        }
      }
    }
    if (training.events() > 0) {
      return new View(null, null, null, 0, ownHistory(null, training), training);
    }
    return new View(null, null, null, 0, null, training);
  }

  /** Returns the identity's saved history as of its first event in this hunt, or null. */
  private IdentityHistory own(Profile profile) {
    IdentityHistory history = saved.get(profile.key());
    Instant first = profile.firstSeen();
    return history == null || first == null ? null : history.asOf(first);
  }

  private Behaviour.History ownHistory(IdentityHistory own, TrainingPart training) {
    List<String> sources = new ArrayList<>(2);
    long events = training.events();
    Instant first = training.firstSeen();
    Instant last = training.lastSeen();
    if (own != null) {
      sources.add("saved state");
      events += own.events();
      first = first == null || own.firstSeen().isBefore(first) ? own.firstSeen() : first;
      last = last == null || own.lastSeen().isAfter(last) ? own.lastSeen() : last;
    }
    if (training.events() > 0) {
      sources.add("training window");
    }
    return new Behaviour.History(
        String.join(" and ", sources),
        first,
        windowEnd(training.events() > 0, last),
        events,
        first,
        last);
  }

  private Behaviour.History peerHistory(PeerKnowledge knowledge) {
    boolean withTraining = knowledge.fromTraining;
    String source;
    if (knowledge.fromState && withTraining) {
      source = "peers' saved state and training window";
    } else {
      source = withTraining ? "peers' training window" : "peers' saved state";
    }
    return new Behaviour.History(
        source,
        knowledge.firstSeen,
        windowEnd(withTraining, knowledge.lastSeen),
        knowledge.events,
        knowledge.firstSeen,
        knowledge.lastSeen);
  }

  private Instant windowEnd(boolean withTraining, Instant last) {
    return withTraining ? trainingEnd : last;
  }

  Duration bucketWidth() {
    return bucketWidth;
  }

  /**
   * One identity's history.
   *
   * @param own the saved history, or null
   * @param peer the peer group's knowledge when the identity has no history, or null
   * @param peerGroup the peer group's name, or null
   * @param peerCount members of the peer group with history
   * @param history the history for explanations, or null when there is none to compare with
   * @param training the identity's own training part
   */
  record View(
      IdentityHistory own,
      PeerKnowledge peer,
      String peerGroup,
      int peerCount,
      Behaviour.History history,
      TrainingPart training) {

    /** Returns whether there is anything to compare with. */
    boolean hasBaseline() {
      return history != null;
    }

    /** Returns whether the history contains a value first seen in this hunt at {@code first}. */
    boolean knows(FeatureKind kind, String value, Instant first, Baselines baselines) {
      if (peer != null) {
        Set<String> values = peer.values.get(kind);
        return values != null && values.contains(value);
      }
      if (own != null && own.knowsBefore(kind, value, first)) {
        return true;
      }
      return first != null && baselines.inTraining(first);
    }

    /** Returns the call-rate baseline: saved plus training. */
    IdentityHistory.RateBaseline rate() {
      IdentityHistory.RateBaseline saved =
          own == null ? IdentityHistory.RateBaseline.EMPTY : own.rate();
      return saved.plus(training.rate());
    }
  }
}
