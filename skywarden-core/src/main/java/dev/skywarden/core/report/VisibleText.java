package dev.skywarden.core.report;

/**
 * Makes invisible characters of log data visible before people read it, so attacker-controlled text
 * cannot reorder or hide what a responder sees.
 *
 * <p>A character is invisible when its Unicode general category is Cc (control characters such as
 * ESC, tab and line feed), Cf (format characters: the bidirectional embeddings, overrides and
 * isolates U+202A to U+202E and U+2066 to U+2069, the marks U+200E and U+200F, zero-width U+200B to
 * U+200D, U+FEFF and others), Zl (U+2028) or Zp (U+2029). Each becomes a backslash, {@code u} and
 * four upper-case hex digits, the Java and JavaScript escape; a character outside the Basic
 * Multilingual Plane becomes a backslash, {@code u} and its hex digits in braces, the JavaScript
 * form. The categories are those of the running Java's Unicode version. Stateless and thread-safe.
 */
public final class VisibleText {

  private VisibleText() {}

  /** Tells whether a code point is invisible in the sense of this class. */
  public static boolean isInvisible(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  /**
   * Returns the text with every invisible character replaced by its escape, or the same string when
   * it has none. A backslash is left as it is, so an escape in the output is ambiguous only with
   * the same six characters written literally in the input.
   *
   * @param text the text, or {@code null}
   * @return the visible text, or {@code null} for {@code null}
   */
  public static String escape(String text) {
    if (text == null || text.codePoints().noneMatch(VisibleText::isInvisible)) {
      return text;
    }
    StringBuilder visible = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            codePoint -> {
              if (!isInvisible(codePoint)) {
                visible.appendCodePoint(codePoint);
              } else if (codePoint > 0xFFFF) {
                visible.append(String.format("\\u{%X}", codePoint));
              } else {
                visible.append(String.format("\\u%04X", codePoint));
              }
            });
    return visible.toString();
  }
}
