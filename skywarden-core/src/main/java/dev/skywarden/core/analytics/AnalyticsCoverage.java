package dev.skywarden.core.analytics;

import dev.skywarden.core.mappings.CoverageSource;
import dev.skywarden.core.mappings.Detection;
import dev.skywarden.core.mappings.PostureCheck;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The behavioural detections as a {@link CoverageSource}, for {@code skywarden coverage} and {@code
 * skywarden mappings}. The first-use detection tags every technique of the operation weights file
 * besides its own. Immutable and thread-safe.
 */
public final class AnalyticsCoverage implements CoverageSource {

  private final List<Detection> detections;

  private AnalyticsCoverage(List<Detection> detections) {
    this.detections = List.copyOf(detections);
  }

  /** Returns the coverage of the bundled detections and operation weights. */
  public static AnalyticsCoverage bundled() {
    List<Detection> detections = new ArrayList<>();
    for (BehaviouralDetection detection : BehaviouralDetection.values()) {
      Set<String> techniques = new LinkedHashSet<>(detection.techniqueIds());
      if (detection == BehaviouralDetection.FIRST_SENSITIVE_OPERATION) {
        techniques.addAll(OperationCatalog.bundled().sensitiveTechniqueIds());
      }
      detections.add(
          new Detection(
              Detection.DetectionKind.BEHAVIOURAL,
              detection.ruleId(),
              detection.title(),
              detection.severity().name().toLowerCase(Locale.ROOT),
              techniques.stream().map(id -> id.toUpperCase(Locale.ROOT)).toList(),
              "behavioural analytics (hunt --analytics)"));
    }
    return new AnalyticsCoverage(detections);
  }

  @Override
  public String name() {
    return "behavioural analytics";
  }

  @Override
  public List<Detection> detections() {
    return detections;
  }

  @Override
  public List<PostureCheck> checks() {
    return List.of();
  }
}
