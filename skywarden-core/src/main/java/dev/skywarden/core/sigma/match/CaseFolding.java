package dev.skywarden.core.sigma.match;

import java.util.Locale;

/**
 * Case folding for Sigma's default case-insensitive comparison. Thread-safe.
 *
 * <p>Folding upper-cases and then lower-cases with {@link Locale#ROOT}, maps final sigma to sigma
 * and capital sharp s (U+1E9E) to {@code ss}, and leaves dotless {@code ı} (U+0131) as it is. So
 * {@code ß} and {@code ẞ} equal {@code ss}, Cyrillic and Greek letters fold as expected, and
 * neither {@code İ} (U+0130, folded to {@code i} followed by U+0307) nor {@code ı} equals a plain
 * {@code i}, as in Unicode's non-Turkic full folding. Compared once with Python 3's {@code
 * str.casefold} (Unicode 14.0) over every single code point up to U+1FFFF, both put the same code
 * points together. NOTE: it is not a lookup of CaseFolding.txt, and the folded form itself can
 * differ from it (Cherokee letters fold to lower case here), so compare folded texts only with each
 * other.
 */
public final class CaseFolding {

  private static final char DOTLESS_I = '\u0131';

  private static final String CAPITAL_SHARP_S = "\u1e9e";

  private static final char FINAL_SIGMA = '\u03c2';

  private static final char SIGMA = '\u03c3';

  private CaseFolding() {}

  /** Returns the folded form of {@code text}; ASCII text takes a fast path. */
  public static String fold(String text) {
    boolean ascii = true;
    boolean hasUpper = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      if (c >= 'A' && c <= 'Z') {
        hasUpper = true;
      }
    }
    if (ascii) {
      return hasUpper ? text.toLowerCase(Locale.ROOT) : text;
    }
    int dotless = text.indexOf(DOTLESS_I);
    if (dotless < 0) {
      return foldNonAscii(text);
    }

    // Upper-casing turns ı into I, so the text around each ı is folded on its own.
    StringBuilder folded = new StringBuilder(text.length());
    int start = 0;
    while (dotless >= 0) {
      folded.append(foldNonAscii(text.substring(start, dotless))).append(DOTLESS_I);
      start = dotless + 1;
      dotless = text.indexOf(DOTLESS_I, start);
    }
    return folded.append(foldNonAscii(text.substring(start))).toString();
  }

  private static String foldNonAscii(String text) {
    return text.replace(CAPITAL_SHARP_S, "ss")
        .toUpperCase(Locale.ROOT)
        .toLowerCase(Locale.ROOT)
        .replace(FINAL_SIGMA, SIGMA);
  }
}
