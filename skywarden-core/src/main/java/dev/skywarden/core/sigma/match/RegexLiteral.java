package dev.skywarden.core.sigma.match;

import java.util.Optional;

/**
 * Finds a literal that every match of a regular expression contains, so that a matcher can reject
 * text without that literal before running the expression. Thread-safe (stateless).
 *
 * <p>The analysis is conservative: it gives up (returns empty) on anything it does not fully
 * understand, and then the expression always runs. It reads only the top level of the expression,
 * outside groups and character classes, and takes the longest run of plain characters that each
 * must appear exactly once in a row. It gives up on alternation ({@code |}), inline flags and other
 * special groups ({@code (?}), quoting ({@code \Q}) and characters outside the Basic Multilingual
 * Plane. A character followed by {@code ?}, {@code *} or {@code {n,m}} is optional or repeated and
 * ends the run without being part of it; one followed by {@code +} is kept and ends the run.
 * Escapes of letters and digits ({@code \d}, {@code \b}, {@code \x41}) end a run; escaped
 * punctuation is the literal character.
 *
 * <p>The caller must not use the literal for case-insensitive expressions: Unicode case matching
 * has equivalences (such as U+212A KELVIN SIGN and {@code k}) that a plain search would miss.
 */
final class RegexLiteral {

  private final String regex;
  private final StringBuilder run = new StringBuilder();
  private String longest = "";

  private RegexLiteral(String regex) {
    this.regex = regex;
  }

  /** Returns the longest literal that every match of {@code regex} contains, if one is found. */
  static Optional<String> required(String regex) {
    if (regex.contains("|")
        || regex.contains("(?")
        || regex.contains("\\Q")
        || regex.chars().anyMatch(c -> Character.isSurrogate((char) c))) {
      return Optional.empty();
    }
    return new RegexLiteral(regex).scan();
  }

  private Optional<String> scan() {
    int depth = 0;
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\') {
        if (i + 1 >= regex.length()) {
          return Optional.empty();
        }
        char escaped = regex.charAt(i + 1);
        if (depth > 0 || Character.isLetterOrDigit(escaped)) {
          endRun();
          i = depth > 0 ? i + 2 : skipQuantifier(i + 2);
        } else {
          i = literal(escaped, i + 2);
        }
      } else if (c == '[') {
        int end = classEnd(i);
        if (end < 0) {
          return Optional.empty();
        }
        endRun();
        i = depth > 0 ? end + 1 : skipQuantifier(end + 1);
      } else if (c == '(') {
        depth++;
        endRun();
        i++;
      } else if (c == ')') {
        depth--;
        if (depth < 0) {
          return Optional.empty();
        }
        i = depth > 0 ? i + 1 : skipQuantifier(i + 1);
      } else if (depth > 0) {
        i++;
      } else if (c == '.' || c == '^' || c == '$') {
        endRun();
        i = skipQuantifier(i + 1);
      } else if (isQuantifier(c)) {
        endRun();
        i = skipQuantifier(i);
      } else {
        i = literal(c, i + 1);
      }
    }
    endRun();
    return longest.isEmpty() || depth != 0 ? Optional.empty() : Optional.of(longest);
  }

  /**
   * Takes the literal character {@code c}, whose source ends just before {@code next}, into the run
   * unless a quantifier follows it. Returns the index after the character and its quantifier.
   */
  private int literal(char c, int next) {
    if (next >= regex.length() || !isQuantifier(regex.charAt(next))) {
      run.append(c);
      return next;
    }
    if (regex.charAt(next) == '+') {
      run.append(c); // at least once: the first occurrence still follows the run
    }
    endRun(); // optional or repeated: what follows is not adjacent to the run
    return skipQuantifier(next);
  }

  private void endRun() {
    if (run.length() > longest.length()) {
      longest = run.toString();
    }
    run.setLength(0);
  }

  private static boolean isQuantifier(char c) {
    return c == '?' || c == '*' || c == '+' || c == '{';
  }

  /** Returns the index after a quantifier at {@code i} and its lazy or possessive mark, if any. */
  private int skipQuantifier(int i) {
    if (i >= regex.length()) {
      return i;
    }
    char c = regex.charAt(i);
    if (c == '{') {
      int close = regex.indexOf('}', i);
      i = close < 0 ? regex.length() : close + 1;
    } else if (c == '?' || c == '*' || c == '+') {
      i++;
    } else {
      return i;
    }
    if (i < regex.length() && (regex.charAt(i) == '?' || regex.charAt(i) == '+')) {
      i++;
    }
    return i;
  }

  /** Returns the index of the {@code ]} that closes the class at {@code start}, or -1. */
  private int classEnd(int start) {
    int i = start + 1;
    if (i < regex.length() && regex.charAt(i) == '^') {
      i++;
    }
    if (i < regex.length() && regex.charAt(i) == ']') {
      i++; // a leading ] is a literal member
    }
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '[') {
        return -1; // nested classes and intersections: give up
      } else if (c == ']') {
        return i;
      } else {
        i++;
      }
    }
    return -1;
  }
}
