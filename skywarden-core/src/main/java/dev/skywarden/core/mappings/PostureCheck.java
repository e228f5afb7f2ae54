package dev.skywarden.core.mappings;

import java.util.List;

/**
 * A check of cloud configuration whose passing result is evidence for controls.
 *
 * @param id the check id
 * @param title the title
 * @param controls the controls the check evidences
 */
public record PostureCheck(String id, String title, List<ControlRef> controls) {

  public PostureCheck {
    controls = List.copyOf(controls);
  }

  /**
   * A control of one framework.
   *
   * @param frameworkKey the catalogue key, such as {@code nist_800_53_r5}
   * @param controlId the control id in any form that {@link ControlIds#key} normalises, such as
   *     {@code AC-6} or {@code AC-06}
   */
  public record ControlRef(String frameworkKey, String controlId) {}
}
