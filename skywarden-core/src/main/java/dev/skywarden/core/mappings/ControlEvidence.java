package dev.skywarden.core.mappings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which controls and vendor capabilities are mapped to techniques the loaded detections tag, and
 * which the posture checks evidence, for {@code skywarden coverage --controls}.
 *
 * <p>A detection does not evidence a control: a row lists it when it tags a technique (or a
 * sub-technique of it) that the capability is mapped to: the control frameworks' NIST SP 800-53 r5
 * controls and CRI Profile (CSF 2.0) statements with a {@code mitigates} or {@code protects}
 * relation, and the vendor frameworks' capabilities of any relation. That shows the technique can
 * be detected, not that the control is in place. Only a posture check evidences the controls it
 * names.
 *
 * @param rows one row per mapped or evidenced capability, by framework key then capability id
 * @param gaps for {@link #GAP_TECHNIQUE}: the mitigating controls that no posture check evidences
 * @param detectionCount the detections consulted
 * @param checkCount the posture checks consulted
 */
public record ControlEvidence(
    List<Row> rows, TechniqueCoverage gaps, int detectionCount, int checkCount) {

  /** The technique whose unevidenced controls are listed. */
  public static final String GAP_TECHNIQUE = "T1059.009";

  /** The frameworks reported: NIST SP 800-53 r5, CSF 2.0 and the vendor frameworks. */
  static final Set<String> FRAMEWORKS =
      Set.of("nist_800_53_r5", "cri_profile", "aws", "azure", "gcp", "m365");

  private static final Set<MappingType> MITIGATING =
      Set.of(MappingType.MITIGATES, MappingType.PROTECTS);

  public ControlEvidence {
    rows = List.copyOf(rows);
  }

  /**
   * One capability mapped to a detected technique or evidenced by a posture check.
   *
   * @param framework the framework
   * @param capability the control or product feature
   * @param techniques the detected techniques it is mapped to, sorted
   * @param detections the ids of those detections, sorted
   * @param checks the ids of the posture checks that evidence it, sorted
   */
  public record Row(
      Framework framework,
      Capability capability,
      List<String> techniques,
      List<String> detections,
      List<String> checks) {

    public Row {
      techniques = List.copyOf(techniques);
      detections = List.copyOf(detections);
      checks = List.copyOf(checks);
    }
  }

  /** Joins the catalogue with every detection and posture check of the sources. */
  public static ControlEvidence of(MappingCatalog catalog, List<CoverageSource> sources) {
    List<Detection> detections = new ArrayList<>();
    List<PostureCheck> checks = new ArrayList<>();
    for (CoverageSource source : sources) {
      detections.addAll(source.detections());
      checks.addAll(source.checks());
    }

    Map<String, Builder> rows = new TreeMap<>();
    for (Detection detection : detections) {
      for (String techniqueId : new TreeSet<>(detection.techniqueIds())) {
        for (Mapping mapping : catalog.mappings(techniqueId)) {
          if (counts(mapping)) {
            row(rows, mapping).add(techniqueId, detection.id());
          }
        }
      }
    }
    for (PostureCheck check : checks) {
      for (PostureCheck.ControlRef ref : check.controls()) {
        for (Mapping mapping : catalog.mappingsForControl(ref.controlId())) {
          if (mapping.framework().key().equals(ref.frameworkKey()) && counts(mapping)) {
            row(rows, mapping).checks.add(check.id());
          }
        }
      }
    }

    List<Row> result = new ArrayList<>();
    rows.values().forEach(builder -> result.add(builder.build()));
    TechniqueCoverage gaps =
        TechniqueCoverage.of(GAP_TECHNIQUE, catalog.mappings(GAP_TECHNIQUE), sources);
    return new ControlEvidence(result, gaps, detections.size(), checks.size());
  }

  private static boolean counts(Mapping mapping) {
    Framework framework = mapping.framework();
    if (!FRAMEWORKS.contains(framework.key())) {
      return false;
    }
    return framework.kind() != FrameworkKind.CONTROL || MITIGATING.contains(mapping.type());
  }

  private static Builder row(Map<String, Builder> rows, Mapping mapping) {
    String key = mapping.framework().key() + "\u0000" + mapping.capability().id();
    return rows.computeIfAbsent(key, k -> new Builder(mapping.framework(), mapping.capability()));
  }

  /** The sets of one row while they are collected. */
  private static final class Builder {
    final Framework framework;
    final Capability capability;
    final TreeSet<String> techniques = new TreeSet<>();
    final TreeSet<String> detections = new TreeSet<>();
    final TreeSet<String> checks = new TreeSet<>();

    Builder(Framework framework, Capability capability) {
      this.framework = framework;
      this.capability = capability;
    }

    void add(String techniqueId, String detectionId) {
      techniques.add(techniqueId);
      detections.add(detectionId);
    }

    Row build() {
      return new Row(
          framework,
          capability,
          new ArrayList<>(techniques),
          new ArrayList<>(detections),
          new ArrayList<>(checks));
    }
  }
}
