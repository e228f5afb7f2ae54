package dev.skywarden.core.finding;

import dev.skywarden.core.event.CloudProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The attack sequence behind an incident finding: the findings it chains, in time order, and the
 * identities it links.
 *
 * @param steps the chained findings, ordered by first seen time, then finding id
 * @param stages the distinct kill-chain stages of the steps, in kill-chain order
 * @param identities the distinct principals of the steps, sorted ({@code provider:principal})
 * @param linkedBy the e-mail address or UPN that linked identities of different principals, or
 *     {@code null} when the steps share a principal or credential only
 * @param window the longest time allowed from the first step to the start of the last
 */
public record Incident(
    List<Step> steps,
    List<KillChainStage> stages,
    List<String> identities,
    String linkedBy,
    Duration window) {

  public Incident {
    steps = List.copyOf(steps);
    stages = List.copyOf(stages);
    identities = List.copyOf(identities);
  }

  /**
   * One chained finding.
   *
   * @param findingId the id of the chained finding
   * @param ruleId its rule or detector id
   * @param title its title
   * @param severity its severity
   * @param stage its kill-chain stage
   * @param provider its cloud
   * @param principal its principal
   * @param firstSeen its first time
   * @param lastSeen its last time
   */
  public record Step(
      String findingId,
      String ruleId,
      String title,
      Severity severity,
      KillChainStage stage,
      CloudProvider provider,
      String principal,
      Instant firstSeen,
      Instant lastSeen) {}
}
