package dev.skywarden.core.hunt;

import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.stats.InputStatistics;
import java.time.Duration;
import java.util.List;

/**
 * What a hunt produced.
 *
 * @param findings findings sorted by severity (critical first), then first time, then id
 * @param inputs statistics per input, in the order the inputs were given
 * @param total statistics summed over all inputs
 * @param detectorErrors how many times a detector threw on an event (each one is logged)
 * @param elapsed wall-clock time of the run; the only part of the result that varies between runs
 */
public record HuntResult(
    List<Finding> findings,
    List<InputStatistics> inputs,
    InputStatistics total,
    long detectorErrors,
    Duration elapsed) {

  public HuntResult {
    findings = List.copyOf(findings);
    inputs = List.copyOf(inputs);
  }
}
