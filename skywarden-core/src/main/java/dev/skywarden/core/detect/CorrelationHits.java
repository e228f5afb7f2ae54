package dev.skywarden.core.detect;

import dev.skywarden.core.detect.correlation.CorrelationFiring;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.sigma.SigmaCorrelationRule;
import dev.skywarden.core.sigma.correlation.ResolvedCorrelation;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns a correlation firing into detection hits: one per evidence event, each with the
 * correlation's id, title, level and ATT&amp;CK techniques and the firing's explanation, so the
 * finding built from them lists the contributing events. The evidence is capped, so the earliest
 * hit also counts for the contributing events beyond it, and the finding's count is the number of
 * events that contributed.
 *
 * <p>NOTE: when the evidence of one firing spans several principals (a correlation grouped by
 * source address, say), their findings are separate and the events beyond the evidence all count in
 * the finding of the earliest event's principal.
 */
final class CorrelationHits {

  private CorrelationHits() {}

  /** Passes one hit per evidence event of {@code firing} to {@code hits}. */
  static void report(CorrelationFiring firing, Consumer<DetectionHit> hits) {
    ResolvedCorrelation correlation = firing.correlation();
    SigmaCorrelationRule rule = correlation.rule();
    Severity severity =
        rule.level() == null
            ? SigmaDetector.DEFAULT_SEVERITY
            : Severity.valueOf(rule.level().name());
    String explanation = firing.explanation();
    List<CloudEvent> evidence = firing.evidence();
    long beyondEvidence = Math.max(0, firing.contributingEvents() - evidence.size());
    for (int i = 0; i < evidence.size(); i++) {
      hits.accept(
          new DetectionHit(
              correlation.key(),
              rule.title(),
              severity,
              correlation.techniqueIds(),
              evidence.get(i),
              explanation,
              i == 0 ? 1 + beyondEvidence : 1));
    }
  }
}
