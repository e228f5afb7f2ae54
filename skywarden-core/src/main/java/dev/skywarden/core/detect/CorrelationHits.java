package dev.skywarden.core.detect;

import dev.skywarden.core.detect.correlation.CorrelationFiring;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.sigma.SigmaCorrelationRule;
import dev.skywarden.core.sigma.correlation.ResolvedCorrelation;
import java.util.function.Consumer;

/**
 * Turns a correlation firing into detection hits: one per evidence event, each with the
 * correlation's id, title, level and ATT&amp;CK techniques and the firing's explanation, so the
 * finding built from them lists the contributing events.
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
    for (CloudEvent event : firing.evidence()) {
      hits.accept(
          new DetectionHit(
              correlation.key(),
              rule.title(),
              severity,
              correlation.techniqueIds(),
              event,
              explanation));
    }
  }
}
