package dev.skywarden.core.report;

import dev.skywarden.core.finding.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes findings in one output format. The command line writes a whole hunt with {@link
 * #write(List, HuntSummary, Writer)}; a service or stream sink can use {@link LineFindingWriter} to
 * format one finding at a time.
 *
 * <p>Implementations are immutable and safe to share between threads; the {@link Writer} is not, so
 * each caller passes its own. Writers flush but never close the {@code Writer}.
 */
public interface FindingWriter {

  /**
   * Writes the findings in the given order, with whatever the format shows of the summary.
   *
   * @throws IOException when writing to {@code out} fails
   */
  void write(List<Finding> findings, HuntSummary summary, Writer out) throws IOException;
}
