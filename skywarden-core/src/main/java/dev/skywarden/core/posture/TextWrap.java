package dev.skywarden.core.posture;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Wraps text into lines of at most a given width for terminal output. Words longer than a line,
 * such as ARNs, are broken inside. Control characters become spaces, so exported values cannot move
 * the cursor. Stateless and thread-safe.
 */
final class TextWrap {

  private static final Pattern WORDS = Pattern.compile(" +");

  private TextWrap() {}

  /**
   * Wraps {@code text} into lines of at most {@code width} characters, the first prefixed with
   * {@code firstIndent} and the others with {@code indent}; both count toward the width.
   *
   * @throws IllegalArgumentException when an indent leaves fewer than 10 characters of text
   */
  static List<String> wrap(String text, String firstIndent, String indent, int width) {
    if (width - Math.max(firstIndent.length(), indent.length()) < 10) {
      throw new IllegalArgumentException("indent too wide for width " + width);
    }
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(firstIndent);
    int lineStart = firstIndent.length();
    for (String word : WORDS.split(clean(text).trim(), -1)) {
      if (word.isEmpty()) {
        continue;
      }
      boolean first = line.length() == lineStart;
      if (!first && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line = new StringBuilder(indent);
        lineStart = indent.length();
        first = true;
      }
      if (!first) {
        line.append(' ');
      }
      while (line.length() + word.length() > width) {
        int room = width - line.length();
        line.append(word, 0, room);
        lines.add(line.toString());
        word = word.substring(room);
        line = new StringBuilder(indent);
        lineStart = indent.length();
      }
      line.append(word);
    }
    if (line.length() > lineStart || lines.isEmpty()) {
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  /** Returns the text with every control character replaced by a space. */
  static String clean(String text) {
    return text.replaceAll("\\p{Cntrl}", " ");
  }
}
