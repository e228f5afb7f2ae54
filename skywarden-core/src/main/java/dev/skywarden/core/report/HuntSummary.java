package dev.skywarden.core.report;

import dev.skywarden.core.stats.InputStatistics;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The context of a report besides the findings: the producing version, the time the findings were
 * made, and the statistics of each input.
 *
 * @param productVersion the Skywarden version, such as {@code 0.1.0}
 * @param time when the hunt produced the findings; the OCSF {@code time} of each finding. Pass a
 *     fixed value to get byte-identical output for the same input.
 * @param inputs statistics per input in input order; may be empty (a streaming sink has none)
 */
public record HuntSummary(String productVersion, Instant time, List<InputStatistics> inputs) {

  public HuntSummary {
    Objects.requireNonNull(productVersion, "productVersion");
    Objects.requireNonNull(time, "time");
    inputs = List.copyOf(inputs);
  }
}
