package dev.skywarden.core.mappings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Skywarden's own coverage of one technique: the detections that tag it and, for each control that
 * mitigates or protects against it, the posture checks that evidence that control.
 *
 * @param detections the rules and detectors that tag the technique; for a parent technique also
 *     those that tag one of its sub-techniques
 * @param controls the mitigating controls of control frameworks ({@link FrameworkKind#CONTROL}),
 *     each with its checks, in mapping order
 * @param sources the names of the coverage sources consulted
 * @param checkCount the number of posture checks all sources offer; 0 means no source has checks
 *     yet, so every control shows as not evidenced
 */
public record TechniqueCoverage(
    List<Detection> detections,
    List<ControlCoverage> controls,
    List<String> sources,
    int checkCount) {

  private static final Set<MappingType> MITIGATING =
      Set.of(MappingType.MITIGATES, MappingType.PROTECTS);

  public TechniqueCoverage {
    detections = List.copyOf(detections);
    controls = List.copyOf(controls);
    sources = List.copyOf(sources);
  }

  /**
   * Joins a technique's mappings with the coverage sources.
   *
   * @param techniqueId the canonical ATT&CK id, such as {@code T1059.009}
   * @param mappings the technique's mappings, all frameworks
   * @param coverageSources the sources to consult
   */
  public static TechniqueCoverage of(
      String techniqueId, List<Mapping> mappings, List<CoverageSource> coverageSources) {
    List<Detection> detections = new ArrayList<>();
    List<PostureCheck> checks = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (CoverageSource source : coverageSources) {
      names.add(source.name());
      checks.addAll(source.checks());
      for (Detection detection : source.detections()) {
        if (tags(detection, techniqueId)) {
          detections.add(detection);
        }
      }
    }

    Map<String, ControlCoverage> controls = new LinkedHashMap<>();
    for (Mapping mapping : mappings) {
      Framework framework = mapping.framework();
      if (framework.kind() != FrameworkKind.CONTROL || !MITIGATING.contains(mapping.type())) {
        continue;
      }
      String key = framework.key() + " " + mapping.capability().id();
      if (!controls.containsKey(key)) {
        List<PostureCheck> evidence = checksFor(framework, mapping.capability(), checks);
        controls.put(key, new ControlCoverage(framework, mapping.capability(), evidence));
      }
    }
    return new TechniqueCoverage(
        detections, new ArrayList<>(controls.values()), names, checks.size());
  }

  /** Returns the controls that at least one check evidences. */
  public List<ControlCoverage> evidencedControls() {
    return controls.stream().filter(ControlCoverage::evidenced).toList();
  }

  /** Returns the mapped controls that nothing in Skywarden evidences yet. */
  public List<ControlCoverage> unevidencedControls() {
    return controls.stream().filter(control -> !control.evidenced()).toList();
  }

  private static boolean tags(Detection detection, String techniqueId) {
    for (String tagged : detection.techniqueIds()) {
      if (tagged.equals(techniqueId) || tagged.startsWith(techniqueId + ".")) {
        return true;
      }
    }
    return false;
  }

  private static List<PostureCheck> checksFor(
      Framework framework, Capability control, List<PostureCheck> checks) {
    List<PostureCheck> evidence = new ArrayList<>();
    for (PostureCheck check : checks) {
      for (PostureCheck.ControlRef ref : check.controls()) {
        if (ref.frameworkKey().equals(framework.key())
            && ControlIds.matches(ControlIds.key(ref.controlId()), control.id())) {
          evidence.add(check);
          break;
        }
      }
    }
    return evidence;
  }
}
