package dev.skywarden.core.finding;

import dev.skywarden.core.event.CloudEvent;
import java.util.List;

/**
 * One event that fired one rule or detector, before hits are folded into findings.
 *
 * @param ruleId the rule or detector id
 * @param title the rule title
 * @param severity the rule level
 * @param techniqueIds ATT&CK technique ids from the rule tags, such as {@code T1059.009}
 * @param event the event that fired
 * @param explanation why it fired, in one line
 * @param eventCount how many events the hit counts for in a finding's {@link Finding#count()}, at
 *     least 1: 1 for a rule match. The hits of a correlation firing are its evidence events, which
 *     are capped, so one of them also counts for the contributing events left out.
 * @param behaviour the structured explanation of a behavioural detector, or {@code null} for rules
 */
public record DetectionHit(
    String ruleId,
    String title,
    Severity severity,
    List<String> techniqueIds,
    CloudEvent event,
    String explanation,
    long eventCount,
    Behaviour behaviour) {

  public DetectionHit {
    techniqueIds = List.copyOf(techniqueIds);
    if (eventCount < 1) {
      throw new IllegalArgumentException("eventCount must be at least 1, was " + eventCount);
    }
  }

  /** Creates the hit of one event that matched a rule: it counts for that one event. */
  public DetectionHit(
      String ruleId,
      String title,
      Severity severity,
      List<String> techniqueIds,
      CloudEvent event,
      String explanation) {
    this(ruleId, title, severity, techniqueIds, event, explanation, 1, null);
  }

  /** Creates a rule hit that counts for {@code eventCount} events, as a correlation firing does. */
  public DetectionHit(
      String ruleId,
      String title,
      Severity severity,
      List<String> techniqueIds,
      CloudEvent event,
      String explanation,
      long eventCount) {
    this(ruleId, title, severity, techniqueIds, event, explanation, eventCount, null);
  }

  /** Creates the hit of a behavioural detector on one event. */
  public DetectionHit(
      String ruleId,
      String title,
      Severity severity,
      List<String> techniqueIds,
      CloudEvent event,
      String explanation,
      Behaviour behaviour) {
    this(ruleId, title, severity, techniqueIds, event, explanation, 1, behaviour);
  }
}
