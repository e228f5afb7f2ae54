package dev.skywarden.core.finding;

import dev.skywarden.core.event.ClientFingerprint;
import dev.skywarden.core.event.CloudProvider;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A detection: one rule or detector that fired for one principal, with every hit folded in.
 *
 * <p>Repeated hits of one rule by one principal in one account are one finding with a {@code
 * count}. The {@code id} is derived from the rule, the principal, the account and the first
 * evidence, so the same input always gives the same ids whatever the order of files or threads.
 *
 * @param id stable id (lower-case hex)
 * @param ruleId the Sigma rule id or detector id
 * @param title the title of the lead hit, the earliest hit of the highest severity: the rule title
 *     for a Sigma rule, a detector's title for the analytics
 * @param severity the highest severity of the hits (a Sigma rule's level)
 * @param techniques the ATT&CK techniques of the lead hit, with their mapped controls
 * @param provider the cloud
 * @param account the account, subscription or project, or {@code null}
 * @param principal the display name of the identity
 * @param principalType the identity type name, such as {@code ROLE_SESSION}
 * @param credentials distinct credential ids seen, sorted, at most {@link
 *     FindingAggregator#MAX_VALUES}
 * @param sourceAddresses distinct source addresses seen, sorted, at most {@link
 *     FindingAggregator#MAX_VALUES}
 * @param client the client fingerprint of the first hit; {@code clients} lists them all
 * @param operations distinct operations seen, sorted, at most {@link FindingAggregator#MAX_VALUES}
 * @param firstSeen time of the earliest hit
 * @param lastSeen time of the latest hit
 * @param count number of events that hit; for a correlation rule, every event that contributed to
 *     its firings, of which {@code evidence} keeps the earliest
 * @param evidence the earliest hits in time order, at most {@link FindingAggregator#MAX_EVIDENCE}
 * @param explanation a one-line explanation of why this fired, which ends with the failed share
 *     when some calls failed, such as {@code (all 3 calls failed: AccessDenied)}
 * @param failedCount number of events among {@code count} whose outcome was a failure or denial;
 *     for a correlation rule, only its evidence events are examined
 * @param errorCodes distinct error codes of the failed events, sorted, at most {@link
 *     FindingAggregator#MAX_VALUES}
 * @param resources distinct resources the events touched ({@link
 *     dev.skywarden.core.event.CloudEvent#resources()}: ARNs, Azure resource ids, GCP resource
 *     names), sorted, at most {@link FindingAggregator#MAX_VALUES}
 * @param clients distinct {@link ClientFingerprint#summary()} texts of the events, sorted, at most
 *     {@link FindingAggregator#MAX_VALUES}
 * @param truncated the capped lists that had more distinct values than they keep; for example
 *     {@code SOURCE_ADDRESSES} when the events came from 20 addresses and 10 are listed
 * @param posture the posture of the principal from a posture audit, or {@code null} when the hunt
 *     had none or the audit does not know the principal
 * @param behaviour what a behavioural detector found new or rare and what it compared with, or
 *     {@code null} for rule findings
 * @param incident the attack sequence when this finding is an incident that chains other findings
 *     ({@code ruleId} is then {@code skywarden-attack-sequence}); {@code null} for any other
 *     finding
 */
public record Finding(
    String id,
    String ruleId,
    String title,
    Severity severity,
    List<Technique> techniques,
    CloudProvider provider,
    String account,
    String principal,
    String principalType,
    List<String> credentials,
    List<String> sourceAddresses,
    ClientFingerprint client,
    List<String> operations,
    Instant firstSeen,
    Instant lastSeen,
    long count,
    List<Evidence> evidence,
    String explanation,
    long failedCount,
    List<String> errorCodes,
    List<String> resources,
    List<String> clients,
    Set<CappedList> truncated,
    PrincipalPosture posture,
    Behaviour behaviour,
    Incident incident) {

  public Finding {
    techniques = List.copyOf(techniques);
    credentials = List.copyOf(credentials);
    sourceAddresses = List.copyOf(sourceAddresses);
    operations = List.copyOf(operations);
    evidence = List.copyOf(evidence);
    errorCodes = List.copyOf(errorCodes);
    resources = List.copyOf(resources);
    clients = List.copyOf(clients);
    truncated =
        truncated.isEmpty()
            ? Collections.unmodifiableSet(EnumSet.noneOf(CappedList.class))
            : Collections.unmodifiableSet(EnumSet.copyOf(truncated));
  }

  /** Creates a finding that is neither behavioural nor an incident, as rules make it. */
  public Finding(
      String id,
      String ruleId,
      String title,
      Severity severity,
      List<Technique> techniques,
      CloudProvider provider,
      String account,
      String principal,
      String principalType,
      List<String> credentials,
      List<String> sourceAddresses,
      ClientFingerprint client,
      List<String> operations,
      Instant firstSeen,
      Instant lastSeen,
      long count,
      List<Evidence> evidence,
      String explanation,
      long failedCount,
      List<String> errorCodes,
      List<String> resources,
      List<String> clients,
      Set<CappedList> truncated,
      PrincipalPosture posture) {
    this(
        id,
        ruleId,
        title,
        severity,
        techniques,
        provider,
        account,
        principal,
        principalType,
        credentials,
        sourceAddresses,
        client,
        operations,
        firstSeen,
        lastSeen,
        count,
        evidence,
        explanation,
        failedCount,
        errorCodes,
        resources,
        clients,
        truncated,
        posture,
        null,
        null);
  }

  /**
   * Creates a finding whose calls all succeeded, whose resources are unknown, whose only client is
   * {@code client} and whose lists are complete: the signature before these were kept.
   */
  public Finding(
      String id,
      String ruleId,
      String title,
      Severity severity,
      List<Technique> techniques,
      CloudProvider provider,
      String account,
      String principal,
      String principalType,
      List<String> credentials,
      List<String> sourceAddresses,
      ClientFingerprint client,
      List<String> operations,
      Instant firstSeen,
      Instant lastSeen,
      long count,
      List<Evidence> evidence,
      String explanation) {
    this(
        id,
        ruleId,
        title,
        severity,
        techniques,
        provider,
        account,
        principal,
        principalType,
        credentials,
        sourceAddresses,
        client,
        operations,
        firstSeen,
        lastSeen,
        count,
        evidence,
        explanation,
        0,
        List.of(),
        List.of(),
        client == null ? List.of() : List.of(client.summary()),
        Set.of(),
        null);
  }

  /** Creates a finding without posture, as a hunt without {@code --posture} makes it. */
  public Finding(
      String id,
      String ruleId,
      String title,
      Severity severity,
      List<Technique> techniques,
      CloudProvider provider,
      String account,
      String principal,
      String principalType,
      List<String> credentials,
      List<String> sourceAddresses,
      ClientFingerprint client,
      List<String> operations,
      Instant firstSeen,
      Instant lastSeen,
      long count,
      List<Evidence> evidence,
      String explanation,
      long failedCount,
      List<String> errorCodes,
      List<String> resources,
      List<String> clients,
      Set<CappedList> truncated) {
    this(
        id,
        ruleId,
        title,
        severity,
        techniques,
        provider,
        account,
        principal,
        principalType,
        credentials,
        sourceAddresses,
        client,
        operations,
        firstSeen,
        lastSeen,
        count,
        evidence,
        explanation,
        failedCount,
        errorCodes,
        resources,
        clients,
        truncated,
        null);
  }

  /**
   * Returns a copy with another severity, explanation and posture; the id and everything else stay
   * the same.
   */
  public Finding withPosture(
      Severity newSeverity, String newExplanation, PrincipalPosture newPosture) {
    return new Finding(
        id,
        ruleId,
        title,
        newSeverity,
        techniques,
        provider,
        account,
        principal,
        principalType,
        credentials,
        sourceAddresses,
        client,
        operations,
        firstSeen,
        lastSeen,
        count,
        evidence,
        newExplanation,
        failedCount,
        errorCodes,
        resources,
        clients,
        truncated,
        newPosture,
        behaviour,
        incident);
  }

  /** Returns true when this finding is an incident chaining other findings. */
  public boolean isIncident() {
    return incident != null;
  }

  /** Returns true when a behavioural detector made this finding. */
  public boolean behavioural() {
    return behaviour != null;
  }

  /**
   * Returns the distinct network intel labels of the evidence sources, sorted, such as {@code aws
   * EC2 eu-west-1} or {@code Tor exit}; empty when the hunt had no network intel.
   */
  public List<String> networkLabels() {
    java.util.SortedSet<String> labels = new java.util.TreeSet<>();
    for (Evidence item : evidence) {
      if (item.network() != null && !item.network().label().isEmpty()) {
        labels.add(item.network().label());
      }
    }
    return List.copyOf(labels);
  }

  /** Returns true when the given list had more distinct values than it keeps. */
  public boolean truncated(CappedList list) {
    return truncated.contains(list);
  }

  /** Returns true when at least one of the events failed or was denied. */
  public boolean anyFailed() {
    return failedCount > 0;
  }

  /** Returns true when every event failed or was denied. */
  public boolean allFailed() {
    return count > 0 && failedCount == count;
  }
}
