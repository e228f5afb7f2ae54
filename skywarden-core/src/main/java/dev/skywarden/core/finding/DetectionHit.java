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
 * @param behaviour the structured explanation of a behavioural detector, or {@code null} for rules
 */
public record DetectionHit(
    String ruleId,
    String title,
    Severity severity,
    List<String> techniqueIds,
    CloudEvent event,
    String explanation,
    Behaviour behaviour) {

  public DetectionHit {
    techniqueIds = List.copyOf(techniqueIds);
  }

  /** Creates the hit of a rule, which has no behavioural explanation. */
  public DetectionHit(
      String ruleId,
      String title,
      Severity severity,
      List<String> techniqueIds,
      CloudEvent event,
      String explanation) {
    this(ruleId, title, severity, techniqueIds, event, explanation, null);
  }
}
