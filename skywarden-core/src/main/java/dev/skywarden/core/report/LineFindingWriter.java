package dev.skywarden.core.report;

import dev.skywarden.core.finding.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * A format with one JSON object per finding and per line (JSON Lines), so findings can be written
 * as they are made.
 */
public interface LineFindingWriter extends FindingWriter {

  /** Formats one finding as a single line of JSON, without the line break. */
  String toLine(Finding finding, HuntSummary summary);

  /** Writes one line per finding, each ended by {@code \n}, then flushes. */
  @Override
  default void write(List<Finding> findings, HuntSummary summary, Writer out) throws IOException {
    for (Finding finding : findings) {
      out.write(toLine(finding, summary));
      out.write('\n');
    }
    out.flush();
  }
}
