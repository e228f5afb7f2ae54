package dev.skywarden.core.fingerprint;

import dev.skywarden.core.event.ClientKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the tab-separated client fingerprint list; the format is described in the header of the
 * bundled {@code clients.tsv}.
 */
final class ClientPatternFile {

  private static final int COLUMNS = 6;

  private ClientPatternFile() {}

  /**
   * Parses a fingerprint list.
   *
   * @param sourceName the file name to show in errors
   * @throws IOException when the reader fails
   * @throws IllegalArgumentException when a line is invalid; the message names the source, the line
   *     number and the value
   */
  static List<ClientPattern> parse(String sourceName, Reader reader) throws IOException {
    List<ClientPattern> patterns = new ArrayList<>();
    BufferedReader lines = new BufferedReader(reader);
    int lineNumber = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      patterns.add(parseLine(line, sourceName + ":" + lineNumber));
    }
    return patterns;
  }

  private static ClientPattern parseLine(String line, String where) {
    String[] columns = line.split("\t", -1);
    if (columns.length != COLUMNS) {
      throw new IllegalArgumentException(
          where + ": expected " + COLUMNS + " tab-separated columns, found " + columns.length);
    }
    ClientKind kind = parseEnum(ClientKind.class, columns[0], where, "kind");
    ClientPattern.Field field =
        parseEnum(ClientPattern.Field.class, columns[1].replace('-', '_'), where, "field");
    ClientPattern.MatchType match =
        parseEnum(ClientPattern.MatchType.class, columns[2], where, "match type");
    String pattern = columns[3];
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException(where + ": empty pattern");
    }
    if (match == ClientPattern.MatchType.REGEX) {
      compile(pattern, where);
    }
    String product = columns[4];
    if (product.isEmpty()) {
      throw new IllegalArgumentException(where + ": empty product name");
    }
    Pattern version = columns[5].equals("-") ? null : compile(columns[5], where);
    return new ClientPattern(kind, field, match, pattern, product, version);
  }

  static Pattern compile(String regex, String where) {
    try {
      return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    } catch (PatternSyntaxException invalid) {
      throw new IllegalArgumentException(
          where + ": invalid regular expression " + regex + ": " + invalid.getDescription(),
          invalid);
    }
  }

  private static <E extends Enum<E>> E parseEnum(
      Class<E> type, String value, String where, String column) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException invalid) {
      throw new IllegalArgumentException(
          where + ": invalid " + column + " '" + value + "'", invalid);
    }
  }
}
