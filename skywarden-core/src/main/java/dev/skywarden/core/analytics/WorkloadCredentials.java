package dev.skywarden.core.analytics;

import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.event.Credential;
import dev.skywarden.core.event.NetworkInfo;
import dev.skywarden.core.event.NetworkKind;
import dev.skywarden.core.finding.Behaviour;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.finding.Severity;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reports workload credentials used away from their workload: an EC2 instance role session (a
 * session named after the instance, {@code i-0123...}), a GCP service account token (not a key), or
 * an Azure managed identity, called from an address outside the published ranges of its own cloud,
 * from a hosting provider, or from a Tor exit.
 *
 * <p>Each event is judged on its own, from the network intel the hunt attached to its source
 * ({@link dev.skywarden.core.event.SourceAddress#network()}), so the detector keeps no state and
 * its hits do not depend on event order. Without network intel nothing is reported, because an
 * address cannot be placed.
 *
 * <p>"Outside the published ranges" is only claimed for an address that a loaded range file of
 * another cloud contains, or when the ranges of the event's own cloud were loaded: without them an
 * address in no range may still be one of that cloud's.
 *
 * <p>NOTE: a credential used from another account's workload inside the same cloud (GuardDuty's
 * "inside AWS" case) needs the addresses of the account's own instances, which audit logs do not
 * contain; such calls come from the provider's ranges and are not reported.
 */
final class WorkloadCredentials {

  private final Set<CloudProvider> publishedRanges;

  /**
   * Creates the detector.
   *
   * @param publishedRanges the clouds whose published range files the hunt loaded
   */
  WorkloadCredentials(Set<CloudProvider> publishedRanges) {
    this.publishedRanges = Set.copyOf(publishedRanges);
  }

  /** Returns what kind of workload credential signed the event, or null for none. */
  static String workload(CloudEvent event) {
    ActorType type = event.actor().type();
    String name = event.actor().name();
    if (event.provider() == CloudProvider.AWS
        && type == ActorType.ROLE_SESSION
        && name != null
        && instanceSession(name)) {
      return "EC2 instance role session";
    }
    if (event.provider() == CloudProvider.GCP
        && type == ActorType.SERVICE_ACCOUNT
        && event.credential().kind() != Credential.CredentialKind.SERVICE_ACCOUNT_KEY) {
      return "service account token";
    }
    if (event.provider() == CloudProvider.AZURE && type == ActorType.MANAGED_IDENTITY) {
      return "managed identity token";
    }
    return null;
  }

  /**
   * Returns whether a role session name ends in an EC2 instance id ({@code .../i-} and 8 to 17
   * lower-case hex digits), as the regular expression {@code .*}{@code /i-[0-9a-f]{8,17}} would
   * match, without a regular expression per event.
   */
  static boolean instanceSession(String name) {
    int start = name.lastIndexOf('/') + 1;
    if (start == 0 || !name.startsWith("i-", start)) {
      return false;
    }
    int digits = name.length() - start - 2;
    if (digits < 8 || digits > 17) {
      return false;
    }
    for (int i = start + 2; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** Reports the event when a workload credential was used away from its workload. */
  void detect(CloudEvent event, Consumer<DetectionHit> hits) {
    NetworkInfo network = event.source().network();
    if (network == null || event.source().ip() == null) {
      return;
    }
    String workload = workload(event);
    if (workload == null) {
      return;
    }
    NetworkKind kind = network.kindFor(event.provider());
    String where;
    Severity severity;
    if (kind == NetworkKind.TOR) {
      where = "a Tor exit";
      severity = Severity.CRITICAL;
    } else if (kind == NetworkKind.HOSTING) {
      where = "a hosting provider (" + network.label() + ")";
      severity = Severity.HIGH;
    } else if (kind == NetworkKind.PRIVATE || kind == NetworkKind.UNKNOWN) {
      return;
    } else if (network.isProvider(event.provider())) {
      return;
    } else if (kind != NetworkKind.CLOUD_PROVIDER && !publishedRanges.contains(event.provider())) {
      // The address is in no loaded range, and the ranges of the event's cloud were not loaded.
      return;
    } else {
      where =
          "outside the published ranges of "
              + event.provider().id()
              + (network.label().isEmpty() ? "" : " (" + network.label() + ")");
      severity = Severity.HIGH;
    }

    BehaviouralDetection detection = BehaviouralDetection.WORKLOAD_CREDENTIAL_ELSEWHERE;
    String value = event.source().text() + (network.label().isEmpty() ? "" : " " + network.label());
    Behaviour behaviour =
        new Behaviour(
            "credential",
            event.credential().id() == null ? event.actor().displayName() : event.credential().id(),
            List.of(
                new Behaviour.Feature(
                    FeatureKind.NETWORK.label(), value, "new", event.time(), event.time(), 1)),
            false,
            new Behaviour.History(
                "published ranges of " + event.provider().id(), null, null, 0, null, null),
            null,
            0);
    String explanation =
        "the "
            + workload
            + " "
            + event.actor().displayName()
            + " was used from "
            + event.source().text()
            + ", "
            + where
            + ", where its workload does not run";
    hits.accept(
        new DetectionHit(
            detection.ruleId(),
            detection.title(),
            severity,
            detection.techniqueIds(),
            event,
            explanation,
            behaviour));
  }
}
