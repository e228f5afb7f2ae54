package dev.skywarden.core.posture;

import java.util.List;

/**
 * How the checks that evidence one control fared.
 *
 * @param framework {@code NIST SP 800-53 r5} or {@code CRI Profile (CSF 2.0)}
 * @param controlId such as {@code AC-6} or {@code PR.AA-05.02}
 * @param passed ids of checks that ran and passed everywhere
 * @param failed ids of checks with at least one failure
 * @param notEvaluated ids of checks that could not run on the exports given
 * @param failures the number of failed results of all its checks
 */
public record ControlSummary(
    String framework,
    String controlId,
    List<String> passed,
    List<String> failed,
    List<String> notEvaluated,
    long failures) {

  public ControlSummary {
    passed = List.copyOf(passed);
    failed = List.copyOf(failed);
    notEvaluated = List.copyOf(notEvaluated);
  }
}
