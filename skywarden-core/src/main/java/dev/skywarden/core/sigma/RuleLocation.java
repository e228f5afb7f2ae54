package dev.skywarden.core.sigma;

import java.util.Objects;

/**
 * A position in a Sigma rule file.
 *
 * @param file the file name as given to the parser, never null
 * @param line the 1-based line, or {@code 0} when unknown
 * @param column the 1-based column, or {@code 0} when unknown
 */
public record RuleLocation(String file, int line, int column) {

  public RuleLocation {
    Objects.requireNonNull(file, "file");
  }

  /** Returns a location that names only the file. */
  public static RuleLocation ofFile(String file) {
    return new RuleLocation(file, 0, 0);
  }

  /** Returns this location moved right by {@code offset} columns, as for a token in a scalar. */
  public RuleLocation plusColumns(int offset) {
    return column == 0 ? this : new RuleLocation(file, line, column + offset);
  }

  /** Formats the location as {@code file:line:column}, leaving out unknown parts. */
  @Override
  public String toString() {
    if (line == 0) {
      return file;
    }
    return column == 0 ? file + ":" + line : file + ":" + line + ":" + column;
  }
}
