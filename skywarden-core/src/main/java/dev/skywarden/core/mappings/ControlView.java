package dev.skywarden.core.mappings;

import java.util.List;

/**
 * Everything {@code skywarden mappings --control ID} shows: the techniques a control is mapped to.
 *
 * @param query the control id as the user gave it
 * @param frameworks the matching mappings grouped by framework; within a framework, in technique id
 *     order
 * @param techniques the techniques named by the mappings, in id order
 */
public record ControlView(
    String query, List<FrameworkMappings> frameworks, List<AttackTechnique> techniques) {

  public ControlView {
    frameworks = List.copyOf(frameworks);
    techniques = List.copyOf(techniques);
  }

  /** Returns the number of mappings over all frameworks shown. */
  public int mappingCount() {
    return frameworks.stream().mapToInt(group -> group.mappings().size()).sum();
  }
}
