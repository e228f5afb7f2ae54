package dev.skywarden.core.finding;

import java.util.List;

/**
 * An ATT&CK technique or sub-technique with the controls that mitigate it.
 *
 * @param id the ATT&CK id, such as {@code T1059.009}
 * @param name the ATT&CK name, or the id when the catalogue does not know it
 * @param tactics the ATT&CK tactic names, such as {@code Execution}
 * @param nistControls NIST SP 800-53 r5 control ids mapped to the technique, such as {@code AC-6}
 * @param csfSubcategories CSF 2.0 subcategories (CRI Profile diagnostic statements), such as {@code
 *     PR.AA-05.02}
 */
public record Technique(
    String id,
    String name,
    List<String> tactics,
    List<String> nistControls,
    List<String> csfSubcategories) {

  public Technique {
    tactics = List.copyOf(tactics);
    nistControls = List.copyOf(nistControls);
    csfSubcategories = List.copyOf(csfSubcategories);
  }
}
