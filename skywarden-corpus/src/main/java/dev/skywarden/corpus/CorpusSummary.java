package dev.skywarden.corpus;

import java.time.Instant;
import java.util.List;

/**
 * The result of a generation run: what it wrote and where the corpus time ends.
 *
 * @param start the start of the first slice
 * @param end the end of the last slice
 * @param records the number of log records written, scenario records included
 * @param files the number of log files written
 * @param bytes the bytes written to log files (gzip files at their compressed size)
 * @param groundTruth the inserted scenarios
 */
public record CorpusSummary(
    Instant start,
    Instant end,
    long records,
    long files,
    long bytes,
    List<GroundTruth> groundTruth) {

  public CorpusSummary {
    groundTruth = List.copyOf(groundTruth);
  }
}
