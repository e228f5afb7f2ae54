package dev.skywarden.core.report;

import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.Technique;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The distinct controls of all techniques of a finding, in technique order, with their names.
 *
 * @param nist NIST SP 800-53 r5 controls
 * @param csf CSF 2.0 diagnostic statements; {@code subcategory} is set
 */
public record MappedControls(List<Control> nist, List<Control> csf) {

  /**
   * One control or statement.
   *
   * @param id such as {@code AC-2} or {@code PR.AA-05.02}
   * @param name the short name, or the id when the catalogue has none
   * @param subcategory the CSF 2.0 subcategory such as {@code PR.AA-05}, or {@code null} for NIST
   */
  public record Control(String id, String name, String subcategory) {}

  /** Collects the controls of a finding's techniques, named from the catalogue. */
  public static MappedControls of(Finding finding, ControlCatalog catalog) {
    Set<String> nistIds = new LinkedHashSet<>();
    Set<String> csfIds = new LinkedHashSet<>();
    for (Technique technique : finding.techniques()) {
      nistIds.addAll(technique.nistControls());
      csfIds.addAll(technique.csfSubcategories());
    }
    List<Control> nist = new ArrayList<>();
    for (String id : nistIds) {
      nist.add(new Control(id, catalog.nistControlName(id).orElse(id), null));
    }
    List<Control> csf = new ArrayList<>();
    for (String id : csfIds) {
      csf.add(
          new Control(
              id,
              catalog.csfStatementName(id).orElse(id),
              catalog.csfSubcategory(id).orElse(null)));
    }
    return new MappedControls(List.copyOf(nist), List.copyOf(csf));
  }
}
