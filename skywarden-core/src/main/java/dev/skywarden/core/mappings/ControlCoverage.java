package dev.skywarden.core.mappings;

import java.util.List;

/**
 * A mapped control and the posture checks that evidence it.
 *
 * @param framework the control's framework
 * @param control the control
 * @param checks the checks that evidence it; empty when nothing in Skywarden does yet
 */
public record ControlCoverage(Framework framework, Capability control, List<PostureCheck> checks) {

  public ControlCoverage {
    checks = List.copyOf(checks);
  }

  /** Tells whether at least one check evidences the control. */
  public boolean evidenced() {
    return !checks.isEmpty();
  }
}
