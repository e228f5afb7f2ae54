package dev.skywarden.core.analytics;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.Behaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The history each identity of a hunt is compared with, at the level that fits it ({@link
 * HistoryLevel}): its own saved state and the part of this hunt before the end of the training
 * window, joined with the history of its person's other identities or its role's other sessions.
 * When that history is thin, the identity's first peer group with history joins it, so a value must
 * be new to the peers too. An identity with too little history of either kind is judged against the
 * peer group alone.
 *
 * <p>The depth of a history (its events and the calendar days it covers) decides how much a new
 * value means: {@link View#thin()} and {@link View#knowsHours()}.
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
   * Training events below which an identity without saved state or a group history is judged
   * against its peers, because a few minutes of one person's activity show too little of what is
   * normal for them.
   */
  static final int MIN_OWN_EVENTS = 50;

  /**
   * Events a history needs not to be thin. Together with {@link #DEEP_HISTORY_DAYS}, a novelty
   * against a thinner history is at most low unless the value itself is risky.
   */
  static final long DEEP_HISTORY_EVENTS = 100;

  /** Calendar days (UTC) a history must cover not to be thin. */
  static final long DEEP_HISTORY_DAYS = 2;

  /**
   * Calendar days (UTC) a history must cover before a new hour of day counts as evidence: fewer
   * days show only some of a person's working days, and a weekly rhythm needs a week.
   */
  static final long HOUR_HISTORY_DAYS = 7;

  /**
   * The history shown for an identity that has none to compare with: no saved state, no events in
   * the training window, and no person, role or peer group with history.
   */
  static final Behaviour.History NO_HISTORY =
      new Behaviour.History("none", null, null, 0, null, null);

  private final SavedState saved;
  private final Instant inputStart;
  private final Instant runStart;
  private final Instant trainingEnd;
  private final long trainingEndBucket;
  private final Duration bucketWidth;
  private final Map<String, GroupHistory> peers = new HashMap<>();
  private final Map<String, GroupHistory> joined = new HashMap<>();

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
    indexGroups(profiles);
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

  /**
   * Indexes the peer groups and the person and role groups from the saved state and from this
   * hunt's training parts. A value joins a group when a member has it in saved state or first used
   * it in the training window.
   */
  private void indexGroups(Iterable<Profile> profiles) {
    for (IdentityHistory stored : saved.identities().values()) {
      IdentityHistory history = stored.asOf(inputStart);
      if (history == null || history.key().scope() != ProfileKey.Scope.PRINCIPAL) {
        continue;
      }
      String group = HistoryLevel.groupOf(history.key().id(), history.peerGroups());
      List<GroupHistory> targets = new ArrayList<>(3);
      for (String peerGroup : history.peerGroups()) {
        targets.add(peers.computeIfAbsent(peerGroup, g -> new GroupHistory()));
      }
      if (group != null) {
        targets.add(joined.computeIfAbsent(group, g -> new GroupHistory()));
      }
      for (GroupHistory target : targets) {
        target.fromState = true;
        target.memberKeys.add(history.key());
        target.addActivity(true, history.events(), history.firstSeen(), history.lastSeen());
        target.maxDistinctDiscovery =
            Math.max(target.maxDistinctDiscovery, history.rate().maxDistinctDiscovery());
        history
            .features()
            .forEach(
                (kind, values) ->
                    values.forEach(
                        (value, valueHistory) -> {
                          if (valueHistory.firstSeen().isBefore(inputStart)) {
                            target.addValue(kind, value);
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
      boolean newMember = own(profile) == null;
      List<String> peerGroups = PeerGroups.of(profile.first());
      List<GroupHistory> targets = new ArrayList<>(3);
      for (String peerGroup : peerGroups) {
        GroupHistory peer = peers.computeIfAbsent(peerGroup, g -> new GroupHistory());
        if (newMember) {
          // NOTE: a peer group counts the training events of new members only. A person or role
          // group below counts them all.
          peer.addActivity(true, training.events(), training.firstSeen(), training.lastSeen());
        }
        targets.add(peer);
      }
      String group = HistoryLevel.groupOf(profile.key().id(), peerGroups);
      if (group != null) {
        GroupHistory target = joined.computeIfAbsent(group, g -> new GroupHistory());
        target.addActivity(newMember, training.events(), training.firstSeen(), training.lastSeen());
        targets.add(target);
      }
      for (GroupHistory target : targets) {
        target.fromTraining = true;
        target.memberKeys.add(profile.key());
        target.maxDistinctDiscovery =
            Math.max(target.maxDistinctDiscovery, training.rate().maxDistinctDiscovery());
        for (FeatureKind kind : FeatureKind.values()) {
          profile
              .values(kind)
              .forEach(
                  (value, stats) -> {
                    if (inTraining(stats.firstSeen())) {
                      target.addValue(kind, value);
                    }
                  });
        }
      }
    }
  }

  /** Sums the buckets of a profile's earliest set that lie in the training window. */
  TrainingPart training(Profile profile) {
    if (profile.light()) {
      return lightTraining(profile);
    }
    long events = 0;
    long active = 0;
    long failed = 0;
    long maxCalls = 0;
    long maxDiscovery = 0;
    Instant first = null;
    Instant last = null;
    for (TimeBucket bucket : profile.earliestBuckets()) {
      if (bucket.index >= trainingEndBucket) {
        break;
      }
      events += bucket.calls;
      active++;
      failed += bucket.failed;
      maxCalls = Math.max(maxCalls, bucket.calls);
      maxDiscovery = Math.max(maxDiscovery, bucket.discoveryCount());
      if (first == null) {
        first = bucket.firstTime();
      }
      last = bucket.last();
    }
    return new TrainingPart(
        events,
        first,
        last,
        new IdentityHistory.RateBaseline(active, events, failed, maxCalls, maxDiscovery));
  }

  /**
   * Returns the training part of a light profile, which keeps no buckets: all its events when the
   * last lies in a bucket before the training end, else none. Its rate baseline is empty, because
   * only principals are judged on call rates.
   *
   * <p>NOTE: a short-lived credential used both before and after the end of the training window
   * gets no training part, where buckets gave it the events before the end. Only the history of its
   * spread finding reads that part, and a spread needs a network first used after the training end.
   * So the spread finding of a session first used in the training window shows this hunt's events
   * as its history, not those of the training window.
   */
  private TrainingPart lightTraining(Profile profile) {
    Instant last = profile.lastSeen();
    if (last == null
        || Math.floorDiv(last.toEpochMilli(), bucketWidth.toMillis()) >= trainingEndBucket) {
      return new TrainingPart(0, null, null, IdentityHistory.RateBaseline.EMPTY);
    }
    return new TrainingPart(
        profile.events(), profile.firstSeen(), last, IdentityHistory.RateBaseline.EMPTY);
  }

  /**
   * Returns the view of one identity's history. A principal that belongs to a person or role group
   * whose history has at least {@link #MIN_OWN_EVENTS} events is judged against its own history
   * joined with the group's. Otherwise an identity with saved state or at least {@link
   * #MIN_OWN_EVENTS} training events is judged against its own. When that history is {@link
   * View#thin()}, or there is none, the first peer group with members (other than the person or
   * role group) joins it; without one, the thin history (or none) is all there is.
   */
  View view(Profile profile) {
    IdentityHistory own = own(profile);
    TrainingPart training = training(profile);
    boolean principal = profile.key().scope() == ProfileKey.Scope.PRINCIPAL;
    List<String> peerGroups = principal ? PeerGroups.of(profile.first()) : List.of();
    String groupName = principal ? HistoryLevel.groupOf(profile.key().id(), peerGroups) : null;
    GroupHistory group = groupName == null ? null : joined.get(groupName);
    View view;
    if (group != null && group.events >= MIN_OWN_EVENTS) {
      HistoryLevel level = HistoryLevel.ofGroup(groupName);
      view =
          new View(
              own,
              group,
              groupName,
              level,
              null,
              null,
              groupHistory(group, groupName, level),
              training);
    } else if (own != null || training.events() >= MIN_OWN_EVENTS) {
      HistoryLevel level = principal ? HistoryLevel.PRINCIPAL : HistoryLevel.CREDENTIAL;
      view = new View(own, null, null, level, null, null, ownHistory(own, training), training);
    } else {
      view = null;
    }

    if (view != null && !view.thin()) {
      return view;
    }
    for (String peerGroup : peerGroups) {
      GroupHistory peer = peers.get(peerGroup);
      if (peer == null || !peer.hasMemberOtherThan(profile.key()) || peerGroup.equals(groupName)) {
        continue;
      }
      if (view != null) {
        return view.withPeers(peer, peerGroup);
      }
      return new View(
          null,
          null,
          null,
          HistoryLevel.PEER_GROUP,
          peer,
          peerGroup,
          groupHistory(peer, null, HistoryLevel.PEER_GROUP),
          training);
    }
    if (view != null) {
      return view;
    }
    HistoryLevel level = principal ? HistoryLevel.PRINCIPAL : HistoryLevel.CREDENTIAL;
    Behaviour.History history = training.events() > 0 ? ownHistory(null, training) : null;
    return new View(null, null, null, level, null, null, history, training);
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

  /**
   * Returns the history of a group, with a source such as {@code saved state and training window of
   * person ana@example.com (3 identities)} or {@code peers' training window}.
   */
  private Behaviour.History groupHistory(GroupHistory group, String groupName, HistoryLevel level) {
    boolean withTraining = group.fromTraining;
    String sources;
    if (group.fromState && withTraining) {
      sources = "saved state and training window";
    } else {
      sources = withTraining ? "training window" : "saved state";
    }
    String source =
        level == HistoryLevel.PEER_GROUP
            ? "peers' " + sources
            : sources
                + " of "
                + groupName
                + " ("
                + group.members
                + (group.members == 1 ? " identity)" : " identities)");
    return new Behaviour.History(
        source,
        group.firstSeen,
        windowEnd(withTraining, group.lastSeen),
        group.events,
        group.firstSeen,
        group.lastSeen);
  }

  private Instant windowEnd(boolean withTraining, Instant last) {
    return withTraining ? trainingEnd : last;
  }

  Duration bucketWidth() {
    return bucketWidth;
  }

  /**
   * Returns the wide networks ({@link Profile#wideNetwork(CloudEvent, java.net.InetAddress)}) that
   * a principal's history holds: the networks of its own saved state, its training window and its
   * person's or role's history, widened to IPv4 /16 and IPv6 /32, and the ranges of its own cloud.
   * A peer group's networks are not the principal's and are left out.
   */
  Set<String> knownWideNetworks(Profile principal) {
    Set<String> wide = new HashSet<>();
    wide.add(principal.key().provider().id() + " ranges");
    View view = view(principal);
    if (view.group() != null) {
      view.group()
          .values
          .getOrDefault(FeatureKind.NETWORK, Set.of())
          .forEach(n -> addWide(wide, n));
    }
    if (view.own() != null) {
      // Saved values first seen at or after this hunt's first event were learnt from these logs
      // by an earlier hunt of them, so they are not history here.
      Instant first = principal.firstSeen();
      view.own()
          .features()
          .getOrDefault(FeatureKind.NETWORK, Map.of())
          .forEach(
              (network, history) -> {
                if (first == null || history.firstSeen().isBefore(first)) {
                  addWide(wide, network);
                }
              });
    }
    principal
        .values(FeatureKind.NETWORK)
        .forEach(
            (network, stats) -> {
              if (inTraining(stats.firstSeen())) {
                addWide(wide, network);
              }
            });
    return wide;
  }

  /** Adds the wide network of a network feature value (an IPv4 /24 or IPv6 /48). */
  private static void addWide(Set<String> wide, String network) {
    boolean v4 = network.endsWith("/24");
    char separator = v4 ? '.' : ':';
    int first = network.indexOf(separator);
    int second = first < 0 ? -1 : network.indexOf(separator, first + 1);
    if (second < 0) {
      return;
    }
    wide.add(network.substring(0, second) + (v4 ? ".0.0/16" : "::/32"));
  }

  /** Returns the calendar days (UTC) from {@code first} to {@code last}, both counted. */
  static long calendarDays(Instant first, Instant last) {
    if (first == null || last == null) {
      return 0;
    }
    long firstDay = Math.floorDiv(first.getEpochSecond(), 86_400L);
    long lastDay = Math.floorDiv(last.getEpochSecond(), 86_400L);
    return lastDay - firstDay + 1;
  }

  /**
   * One identity's history.
   *
   * @param own the saved history of the identity itself, or null
   * @param group the person's or role's history, or null
   * @param groupName the group's name, such as {@code person ana@example.com}, or null
   * @param level the level the history is at
   * @param peers the peer group's history when the identity's history is thin, or null
   * @param peersName the peer group's name, or null
   * @param history the history for explanations, or null when there is none to compare with; for
   *     {@link HistoryLevel#PEER_GROUP} the peers', else the identity's own or its group's
   * @param training the identity's own training part
   */
  record View(
      IdentityHistory own,
      GroupHistory group,
      String groupName,
      HistoryLevel level,
      GroupHistory peers,
      String peersName,
      Behaviour.History history,
      TrainingPart training) {

    /** Returns whether there is anything to compare with. */
    boolean hasBaseline() {
      return history != null;
    }

    /** Returns the history for findings: {@link #history()}, or {@link #NO_HISTORY} without one. */
    Behaviour.History shownHistory() {
      return history != null ? history : NO_HISTORY;
    }

    /** Returns this view with a peer group that a value must be new to as well. */
    View withPeers(GroupHistory peerHistory, String peerName) {
      return new View(own, group, groupName, level, peerHistory, peerName, history, training);
    }

    /** Returns the peer group's name when peers were consulted, else null. */
    String peerGroup() {
      return peersName;
    }

    /** Returns the members of the peer group with history, or 0 without a peer group. */
    int peerCount() {
      return peers == null ? 0 : peers.members;
    }

    /**
     * Returns the name of the group a new value is reported once for: the person, role or peer
     * group, or null for an identity judged on its own.
     */
    String reportingGroup() {
      return groupName != null ? groupName : peersName;
    }

    /** Returns whether the history contains a value first seen in this hunt at {@code first}. */
    boolean knows(FeatureKind kind, String value, Instant first, Baselines baselines) {
      if (group != null && group.knows(kind, value)) {
        return true;
      }
      if (peers != null && peers.knows(kind, value)) {
        return true;
      }
      if (level == HistoryLevel.PEER_GROUP) {
        return false;
      }
      if (own != null && own.knowsBefore(kind, value, first)) {
        return true;
      }
      return first != null && baselines.inTraining(first);
    }

    /**
     * Returns whether the history is too thin to make a new value more than a weak signal: a peer
     * group's (the identity has none of its own), or fewer than {@link #DEEP_HISTORY_EVENTS}
     * events, or fewer than {@link #DEEP_HISTORY_DAYS} calendar days.
     *
     * <p>NOTE: the saved state keeps the first and last event of an identity, not its active days,
     * so the days are those from the first to the last event: an upper bound of the active days.
     */
    boolean thin() {
      return history == null
          || level == HistoryLevel.PEER_GROUP
          || history.events() < DEEP_HISTORY_EVENTS
          || days() < DEEP_HISTORY_DAYS;
    }

    /**
     * Returns whether the history covers enough days ({@link #HOUR_HISTORY_DAYS}) to know the hours
     * of day the identity works in.
     */
    boolean knowsHours() {
      return !thin() && days() >= HOUR_HISTORY_DAYS;
    }

    private long days() {
      return calendarDays(history.firstSeen(), history.lastSeen());
    }

    /** Returns the call-rate baseline: saved plus training, with the group's discovery maximum. */
    IdentityHistory.RateBaseline rate() {
      IdentityHistory.RateBaseline saved =
          own == null ? IdentityHistory.RateBaseline.EMPTY : own.rate();
      IdentityHistory.RateBaseline joined = saved.plus(training.rate());
      if (group == null || group.maxDistinctDiscovery <= joined.maxDistinctDiscovery()) {
        return joined;
      }
      return new IdentityHistory.RateBaseline(
          joined.activeBuckets(),
          joined.calls(),
          joined.failed(),
          joined.maxCalls(),
          group.maxDistinctDiscovery);
    }
  }
}
