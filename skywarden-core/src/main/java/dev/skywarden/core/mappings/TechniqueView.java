package dev.skywarden.core.mappings;

import java.util.List;

/**
 * Everything {@code skywarden mappings TECHNIQUE} shows.
 *
 * @param technique the technique
 * @param attackVersion the ATT&CK version of the catalogue's techniques, tactics and platforms
 * @param subTechniques the sub-techniques of a parent technique; empty for a sub-technique
 * @param frameworks the mappings grouped by framework, in catalogue order, only frameworks with
 *     mappings for the technique and, when filtered, only the requested frameworks
 * @param coverage Skywarden's own coverage of the technique
 */
public record TechniqueView(
    AttackTechnique technique,
    String attackVersion,
    List<AttackTechnique> subTechniques,
    List<FrameworkMappings> frameworks,
    TechniqueCoverage coverage) {

  public TechniqueView {
    subTechniques = List.copyOf(subTechniques);
    frameworks = List.copyOf(frameworks);
  }

  /** Returns the number of mappings over all frameworks shown. */
  public int mappingCount() {
    return frameworks.stream().mapToInt(group -> group.mappings().size()).sum();
  }
}
