package dev.skywarden.core.analytics;

import dev.skywarden.core.event.Actor;
import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.NetworkInfo;
import dev.skywarden.core.event.NetworkKind;
import dev.skywarden.core.finding.Behaviour;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.finding.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reports the feature values of an identity that its history does not hold: sensitive operations
 * (first use, weighted by what the operation can do), clients, source networks, and parameter
 * names, parameter values and regions of operations the identity already uses.
 *
 * <p>A value is new when neither the identity's saved state nor its training window contains it,
 * nor the history of its person or role ({@link HistoryLevel}); an identity with too little of both
 * is compared with its peer group. A principal without any of these histories has every value new,
 * so only its networks first used from a hosting provider or Tor exit address are reported. Each
 * new value gives one hit on the value's first event, and a network, client or parameter new for
 * several principals of one person, role or peer group gives one hit for the group.
 *
 * <p>Severity follows the depth of the history: against a thin history ({@link
 * Baselines.View#thin()}) a new value is at most low, unless the value is risky by itself: an
 * offensive-tool client or a client first used from a hosting provider or Tor exit address (which
 * keep their severity), a hosting provider or Tor exit address, a sensitive operation of weight
 * {@value #RISKY_WEIGHT} or more that succeeded, or new sensitive operations denied {@value
 * #DENIED_REPEAT} or more times over (at most medium). A new sensitive operation whose calls all
 * failed is low otherwise, because a refused call changed nothing and enumeration is the burst
 * detector's.
 *
 * <p>A new client or parameter value is low unless its first call also came from a network new to
 * the history (or a hosting or Tor address): one new attribute of a known network is everyday
 * change, two on one call are what a stolen credential looks like.
 *
 * <p>The hour of day is supporting evidence only: when the value's first event falls in an hour the
 * identity was never active in, and the history covers {@value Baselines#HOUR_HISTORY_DAYS} days or
 * more, the explanation names the hour and the hit carries it as a second feature; it never makes
 * or raises a hit. Stateless apart from the reported groups; used on one thread.
 */
final class NoveltyDetector {

  /** The operation weight from which a new sensitive operation that succeeded is risky itself. */
  static final int RISKY_WEIGHT = 9;

  /** New sensitive operations of one principal, all denied, that keep their severity. */
  static final int DENIED_REPEAT = 3;

  /** The kinds whose new values are reported, in the order they are judged. */
  private static final List<FeatureKind> REPORTED =
      List.of(
          FeatureKind.OPERATION,
          FeatureKind.CLIENT,
          FeatureKind.NETWORK,
          FeatureKind.ASN,
          FeatureKind.COUNTRY,
          FeatureKind.PARAMETER_KEY,
          FeatureKind.PARAMETER_VALUE,
          FeatureKind.REGION);

  /** The kinds judged for a principal without any history ({@link #detectWithoutHistory}). */
  private static final List<FeatureKind> REPORTED_WITHOUT_HISTORY =
      List.of(FeatureKind.NETWORK, FeatureKind.ASN, FeatureKind.COUNTRY);

  private final OperationCatalog catalog;

  /**
   * Values already reported for a member of a person, role or peer group, keyed by group, kind and
   * value. Members of one group, such as the role sessions of CI runs, often share a new network,
   * client or parameter. It is reported once, for the first member in profile order. A new
   * sensitive operation is reported for each member, because each use is an action of its own.
   */
  private final Set<String> reportedForGroups = new HashSet<>();

  private long withoutEvidence;

  /** Creates a detector for one hunt's {@code finish}; not thread-safe. */
  NoveltyDetector(OperationCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Passes to {@code needed} the evidence whose events {@link #detect} may read for one principal
   * profile: the first event of every value its history does not hold. Every other decision of
   * {@code detect} reads times and counts only.
   */
  static void collectNeeded(Profile profile, Baselines baselines, Consumer<Evidence> needed) {
    Baselines.View view = baselines.view(profile);
    if (!view.hasBaseline()) {
      // Whether a value is risky by itself depends on its first event's network intel.
      for (FeatureKind kind : REPORTED_WITHOUT_HISTORY) {
        profile.values(kind).values().forEach(stats -> needed.accept(stats.first));
      }
      return;
    }
    for (FeatureKind kind : REPORTED) {
      for (Map.Entry<String, Profile.FeatureStats> entry : profile.values(kind).entrySet()) {
        Profile.FeatureStats stats = entry.getValue();
        if (!view.knows(kind, entry.getKey(), stats.firstSeen(), baselines)) {
          needed.accept(stats.first);
        }
      }
    }
  }

  /**
   * Reports the new values of one principal profile.
   *
   * @param events the events of the evidence that {@link #collectNeeded} named
   */
  void detect(
      Profile profile,
      Baselines baselines,
      EvidenceStore.Events events,
      Consumer<DetectionHit> hits) {
    Baselines.View view = baselines.view(profile);
    if (!view.hasBaseline()) {
      detectWithoutHistory(profile, view, baselines, events, hits);
      return;
    }
    int deniedOperations = deniedNewOperations(profile, view, baselines, events);
    for (FeatureKind kind : REPORTED) {
      for (Map.Entry<String, Profile.FeatureStats> entry :
          new TreeMap<>(profile.values(kind)).entrySet()) {
        Profile.FeatureStats stats = entry.getValue();
        if (view.knows(kind, entry.getKey(), stats.firstSeen(), baselines)) {
          continue;
        }
        CloudEvent event = events.event(stats.first);
        if (event == null) {
          // The record changed after the hunt read it; EvidenceStore warned about it.
          withoutEvidence++;
          continue;
        }
        if (kind == FeatureKind.NETWORK && knownCloudRange(profile, event, view, baselines)) {
          continue;
        }
        boolean repeat =
            kind != FeatureKind.OPERATION
                && view.reportingGroup() != null
                && !reportedForGroups.add(
                    view.reportingGroup() + "\n" + kind + "\n" + entry.getKey());
        if (!repeat) {
          report(
              profile,
              view,
              baselines,
              kind,
              entry.getKey(),
              stats,
              event,
              deniedOperations,
              events,
              hits);
        }
      }
    }
  }

  /**
   * Reports the networks, AS numbers and countries of a principal without any history that it first
   * used from a hosting provider or Tor exit address. Every value of such a principal is new, so
   * only a value that is risky by itself is evidence. Clients, operations, parameters and regions
   * are not judged: a first use means something only against a history, and an offensive tool's
   * user agent has a rule of its own.
   */
  private void detectWithoutHistory(
      Profile profile,
      Baselines.View view,
      Baselines baselines,
      EvidenceStore.Events events,
      Consumer<DetectionHit> hits) {
    for (FeatureKind kind : REPORTED_WITHOUT_HISTORY) {
      for (Map.Entry<String, Profile.FeatureStats> entry :
          new TreeMap<>(profile.values(kind)).entrySet()) {
        Profile.FeatureStats stats = entry.getValue();
        CloudEvent event = events.event(stats.first);
        if (event == null) {
          withoutEvidence++;
          continue;
        }
        if (riskyNetwork(event)) {
          report(profile, view, baselines, kind, entry.getKey(), stats, event, 0, events, hits);
        }
      }
    }
  }

  /**
   * Returns how many new values were not judged because the event of their evidence could not be
   * read again.
   */
  long withoutEvidence() {
    return withoutEvidence;
  }

  /**
   * Returns whether a network's first event came from a cloud range ({@link
   * FeatureKind#CLOUD_RANGE}) the history already holds: CI runners and CloudShell get a new
   * address in the same range for every run, so only a new range is news.
   *
   * <p>NOTE: so a stolen CI credential used from a machine rented in the same cloud range is not a
   * new network; the workload detector and the other novelties still apply.
   */
  private static boolean knownCloudRange(
      Profile profile, CloudEvent networkFirst, Baselines.View view, Baselines baselines) {
    String range = FeatureExtractor.cloudRange(networkFirst);
    if (range == null) {
      return false;
    }
    Profile.FeatureStats rangeStats = profile.values(FeatureKind.CLOUD_RANGE).get(range);
    return view.knows(
        FeatureKind.CLOUD_RANGE,
        range,
        rangeStats == null ? null : rangeStats.firstSeen(),
        baselines);
  }

  /**
   * Returns whether the network of an event is new for the history too, or risky by itself: a new
   * client or parameter value from a new network is two independent novelties on one call.
   */
  private static boolean fromNewNetwork(
      Profile profile,
      CloudEvent event,
      Baselines.View view,
      Baselines baselines,
      EvidenceStore.Events events) {
    if (riskyNetwork(event)) {
      return true;
    }
    if (event.source().ip() == null) {
      return false;
    }
    String network = FeatureExtractor.network(event.source().ip());
    Profile.FeatureStats stats = profile.values(FeatureKind.NETWORK).get(network);
    if (view.knows(
        FeatureKind.NETWORK, network, stats == null ? null : stats.firstSeen(), baselines)) {
      return false;
    }
    // collectNeeded names the first event of every unknown network. It is null only when its
    // record could not be read again, and then the range is taken as unknown.
    CloudEvent networkFirst = stats == null ? null : events.event(stats.first);
    return !(networkFirst != null && knownCloudRange(profile, networkFirst, view, baselines));
  }

  /** Counts the new sensitive operations of a profile whose calls all failed. */
  private int deniedNewOperations(
      Profile profile, Baselines.View view, Baselines baselines, EvidenceStore.Events events) {
    int denied = 0;
    for (Map.Entry<String, Profile.FeatureStats> entry :
        profile.values(FeatureKind.OPERATION).entrySet()) {
      Profile.FeatureStats stats = entry.getValue();
      if (stats.failed != stats.count
          || view.knows(FeatureKind.OPERATION, entry.getKey(), stats.firstSeen(), baselines)) {
        continue;
      }
      CloudEvent first = events.event(stats.first);
      if (first != null && catalog.classify(first).weight() >= OperationCatalog.SENSITIVE_WEIGHT) {
        denied++;
      }
    }
    return denied;
  }

  private void report(
      Profile profile,
      Baselines.View view,
      Baselines baselines,
      FeatureKind kind,
      String value,
      Profile.FeatureStats stats,
      CloudEvent event,
      int deniedOperations,
      EvidenceStore.Events events,
      Consumer<DetectionHit> hits) {
    BehaviouralDetection detection;
    Severity severity;
    boolean risky;
    List<String> techniques = new ArrayList<>();
    String what;
    switch (kind) {
      case OPERATION -> {
        OperationCatalog.OperationClass operation = catalog.classify(event);
        if (operation.weight() < OperationCatalog.SENSITIVE_WEIGHT) {
          return;
        }
        detection = BehaviouralDetection.FIRST_SENSITIVE_OPERATION;
        severity = operationSeverity(operation.weight());
        boolean allFailed = stats.failed == stats.count;
        risky = allFailed ? deniedOperations >= DENIED_REPEAT : operation.weight() >= RISKY_WEIGHT;
        if (allFailed && !risky) {
          severity = Severity.LOW;
        }
        techniques.addAll(operation.techniqueIds());
        what =
            "operation "
                + value
                + " ("
                + operation.category()
                + ", weight "
                + operation.weight()
                + ") was used for the first time by";
      }
      case CLIENT -> {
        detection = BehaviouralDetection.NEW_CLIENT;
        boolean offensive =
            value.contains("OFFENSIVE_TOOL") || value.contains("PENTEST_DISTRIBUTION");
        risky = offensive || riskyNetwork(event);
        if (offensive) {
          severity = Severity.HIGH;
        } else {
          severity =
              fromNewNetwork(profile, event, view, baselines, events)
                  ? detection.severity()
                  : Severity.LOW;
        }
        what = "client " + value + " was new for";
      }
      case NETWORK, ASN, COUNTRY -> {
        detection = BehaviouralDetection.NEW_NETWORK;
        risky = riskyNetwork(event);
        severity = workload(event.actor()) || risky ? Severity.MEDIUM : detection.severity();
        what = kind.label() + " " + value + " (address " + event.source().text() + ") was new for";
      }
      case PARAMETER_KEY, PARAMETER_VALUE, REGION -> {
        String operation =
            FeatureExtractor.operationKey(event.api().service(), event.api().operation());
        Profile.FeatureStats operationStats = profile.values(FeatureKind.OPERATION).get(operation);
        boolean operationKnown =
            view.knows(
                FeatureKind.OPERATION,
                operation,
                operationStats == null ? null : operationStats.firstSeen(),
                baselines);
        if (!operationKnown) {
          return;
        }
        detection = BehaviouralDetection.NEW_PARAMETER;
        severity =
            kind == FeatureKind.PARAMETER_VALUE
                    && fromNewNetwork(profile, event, view, baselines, events)
                ? Severity.MEDIUM
                : Severity.LOW;
        risky = false;
        what = kind.label() + " " + value + " was new for an operation used before by";
      }
      default -> {
        return;
      }
    }

    severity = depthSeverity(severity, risky, kind == FeatureKind.CLIENT, view);

    List<Behaviour.Feature> features = new ArrayList<>();
    features.add(
        new Behaviour.Feature(
            kind.label(), value, "new", stats.firstSeen(), stats.lastSeen(), stats.count));
    String note = view.hasBaseline() ? "" : riskyNetworkNote(event);
    String hour = hour(event);
    Profile.FeatureStats hourStats = profile.values(FeatureKind.HOUR).get(hour);
    if (view.knowsHours()
        && !view.knows(
            FeatureKind.HOUR, hour, hourStats == null ? null : hourStats.firstSeen(), baselines)) {
      note = "at " + hour + " UTC, an hour it had not been active in before";
      features.add(
          new Behaviour.Feature(
              FeatureKind.HOUR.label(), hour, "new", event.time(), event.time(), 1));
    }
    for (String technique : detection.techniqueIds()) {
      if (!techniques.contains(technique)) {
        techniques.add(technique);
      }
    }
    Behaviour behaviour =
        new Behaviour(
            profile.key().scope().label(),
            profile.key().id(),
            features,
            false,
            view.shownHistory(),
            view.peerGroup(),
            view.peerCount(),
            view.level().label());
    hits.accept(
        new DetectionHit(
            detection.ruleId(),
            detection.title(),
            severity,
            techniques,
            event,
            Explanations.sentence(what, behaviour, event.actor().displayName(), note),
            behaviour));
  }

  static String hour(CloudEvent event) {
    long hour = Math.floorMod(event.time().getEpochSecond() / 3600, 24L);
    return hour < 10 ? "0" + hour : Long.toString(hour);
  }

  /**
   * Returns the severity of a new value given the depth of the history. A deep history keeps the
   * severity. Against a thin one, a value that is not risky by itself is low and a risky one at
   * most medium, except a risky client, whose risk does not depend on the history.
   */
  private static Severity depthSeverity(
      Severity severity, boolean risky, boolean client, Baselines.View view) {
    if (!view.thin() || (risky && client)) {
      return severity;
    }
    Severity cap = risky ? Severity.MEDIUM : Severity.LOW;
    return severity.compareTo(cap) > 0 ? cap : severity;
  }

  /**
   * Returns text such as {@code from a hosting provider (digitalocean)} for an event from a hosting
   * provider or Tor exit, or an empty string for any other event.
   */
  private static String riskyNetworkNote(CloudEvent event) {
    if (!riskyNetwork(event)) {
      return "";
    }
    NetworkInfo network = event.source().network();
    if (network.kindFor(event.provider()) == NetworkKind.TOR) {
      return "from a Tor exit";
    }
    return network.provider() == null
        ? "from a hosting provider"
        : "from a hosting provider (" + network.provider() + ")";
  }

  /** Returns whether the event came from a hosting provider or a Tor exit, by network intel. */
  private static boolean riskyNetwork(CloudEvent event) {
    NetworkInfo network = event.source().network();
    if (network == null) {
      return false;
    }
    NetworkKind kind = network.kindFor(event.provider());
    return kind == NetworkKind.HOSTING || kind == NetworkKind.TOR;
  }

  private static Severity operationSeverity(int weight) {
    if (weight >= 9) {
      return Severity.HIGH;
    }
    return weight >= 7 ? Severity.MEDIUM : Severity.LOW;
  }

  /**
   * Returns whether an identity is a workload rather than a person. A role session is a person's
   * when IAM Identity Center issued it ({@code AWSReservedSSO_} roles) or its session name is an
   * e-mail address, as SAML and Identity Center sessions are named.
   */
  static boolean workload(Actor actor) {
    ActorType type = actor.type();
    if (type == ActorType.ROLE_SESSION) {
      return !personSession(actor);
    }
    return type == ActorType.SERVICE_ACCOUNT
        || type == ActorType.SERVICE_PRINCIPAL
        || type == ActorType.MANAGED_IDENTITY;
  }

  private static boolean personSession(Actor actor) {
    String issuer = actor.sessionIssuer() == null ? "" : actor.sessionIssuer();
    String name = actor.name() == null ? "" : actor.name();
    String session = name.substring(name.lastIndexOf('/') + 1);
    return issuer.contains("AWSReservedSSO_")
        || name.contains("AWSReservedSSO_")
        || session.contains("@");
  }
}
