package dev.skywarden.core.analytics;

import dev.skywarden.core.event.Actor;
import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.CloudEvent;
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
 * <p>A value is new when the identity's saved state does not hold it and this hunt first saw it
 * after the training window; an identity with neither history is compared with its peer group. Each
 * new value gives one hit on the value's first event. When that event's hour of day is new too, the
 * hit names the hour in its explanation and as a second feature. Stateless; used on one thread.
 */
final class NoveltyDetector {

  private final OperationCatalog catalog;

  /**
   * Values already reported for a member judged against its peer group, keyed by group, kind and
   * value. Members of one group, such as the role sessions of CI runs, often share a new value. It
   * is reported once, for the first member in profile order.
   */
  private final Set<String> reportedForPeers = new HashSet<>();

  /** Creates a detector for one hunt's {@code finish}; not thread-safe. */
  NoveltyDetector(OperationCatalog catalog) {
    this.catalog = catalog;
  }

  /** Reports the new values of one principal profile. */
  void detect(Profile profile, Baselines baselines, Consumer<DetectionHit> hits) {
    Baselines.View view = baselines.view(profile);
    if (!view.hasBaseline()) {
      return;
    }
    for (FeatureKind kind :
        List.of(
            FeatureKind.OPERATION,
            FeatureKind.CLIENT,
            FeatureKind.NETWORK,
            FeatureKind.ASN,
            FeatureKind.COUNTRY,
            FeatureKind.PARAMETER_KEY,
            FeatureKind.PARAMETER_VALUE,
            FeatureKind.REGION)) {
      for (Map.Entry<String, Profile.FeatureStats> entry :
          new TreeMap<>(profile.values(kind)).entrySet()) {
        Profile.FeatureStats stats = entry.getValue();
        if (view.knows(kind, entry.getKey(), stats.firstSeen, baselines)) {
          continue;
        }
        boolean repeat =
            view.peerGroup() != null
                && !reportedForPeers.add(view.peerGroup() + "\n" + kind + "\n" + entry.getKey());
        if (!repeat) {
          report(profile, view, baselines, kind, entry.getKey(), stats, hits);
        }
      }
    }
  }

  private void report(
      Profile profile,
      Baselines.View view,
      Baselines baselines,
      FeatureKind kind,
      String value,
      Profile.FeatureStats stats,
      Consumer<DetectionHit> hits) {
    CloudEvent event = stats.first;
    BehaviouralDetection detection;
    Severity severity;
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
        severity =
            value.contains("OFFENSIVE_TOOL") || value.contains("PENTEST_DISTRIBUTION")
                ? Severity.HIGH
                : detection.severity();
        what = "client " + value + " was new for";
      }
      case NETWORK, ASN, COUNTRY -> {
        detection = BehaviouralDetection.NEW_NETWORK;
        severity = workload(event.actor()) ? Severity.MEDIUM : detection.severity();
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
                operationStats == null ? null : operationStats.firstSeen,
                baselines);
        if (!operationKnown) {
          return;
        }
        detection = BehaviouralDetection.NEW_PARAMETER;
        severity = kind == FeatureKind.PARAMETER_VALUE ? Severity.MEDIUM : Severity.LOW;
        what = kind.label() + " " + value + " was new for an operation used before by";
      }
      default -> {
        return;
      }
    }

    List<Behaviour.Feature> features = new ArrayList<>();
    features.add(
        new Behaviour.Feature(
            kind.label(), value, "new", stats.firstSeen, stats.lastSeen, stats.count));
    String note = "";
    String hour = hour(event);
    Profile.FeatureStats hourStats = profile.values(FeatureKind.HOUR).get(hour);
    if (!view.knows(
        FeatureKind.HOUR, hour, hourStats == null ? null : hourStats.firstSeen, baselines)) {
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
            view.history(),
            view.peerGroup(),
            view.peerCount());
    hits.accept(
        new DetectionHit(
            detection.ruleId(),
            detection.title(),
            severity,
            techniques,
            event,
            Explanations.sentence(what, behaviour, note),
            behaviour));
  }

  static String hour(CloudEvent event) {
    long hour = Math.floorMod(event.time().getEpochSecond() / 3600, 24L);
    return hour < 10 ? "0" + hour : Long.toString(hour);
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
