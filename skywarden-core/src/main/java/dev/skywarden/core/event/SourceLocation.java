package dev.skywarden.core.event;

import java.util.Comparator;
import java.util.Objects;

/**
 * Where a record came from: the input name, the 1-based record index within that input, and the
 * 1-based line where the record starts, or {@code 0} when the reader cannot tell.
 *
 * <p>Records of one input are numbered in reading order; a record inside an envelope (for example a
 * CloudWatch Logs {@code logEvents} entry) gets its own index.
 */
public record SourceLocation(String input, long recordIndex, long line)
    implements Comparable<SourceLocation> {

  private static final Comparator<SourceLocation> ORDER =
      Comparator.comparing(SourceLocation::input)
          .thenComparingLong(SourceLocation::recordIndex)
          .thenComparingLong(SourceLocation::line);

  public SourceLocation {
    Objects.requireNonNull(input, "input");
  }

  @Override
  public int compareTo(SourceLocation other) {
    return ORDER.compare(this, other);
  }

  /**
   * Formats the location as {@code input:line} when the line is known, else {@code input#record}.
   */
  @Override
  public String toString() {
    return line > 0
        ? input + ":" + line + " (record " + recordIndex + ")"
        : input + " record " + recordIndex;
  }
}
