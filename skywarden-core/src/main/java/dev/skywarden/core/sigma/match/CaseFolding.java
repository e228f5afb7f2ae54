package dev.skywarden.core.sigma.match;

import java.util.Locale;

/**
 * Case folding for Sigma's default case-insensitive comparison. Thread-safe.
 *
 * <p>Folding upper-cases and then lower-cases with {@link Locale#ROOT}, and maps final sigma to
 * sigma. That gives the full Unicode case folding for the common cases: {@code ß} folds to {@code
 * ss}, Cyrillic and Greek letters fold as expected, and {@code İ} (U+0130) folds to {@code i}
 * followed by U+0307, so it does not equal a plain {@code i}, as in Unicode's non-Turkic folding.
 * NOTE: it is an approximation of CaseFolding.txt, not a table lookup.
 */
public final class CaseFolding {

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
    return text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT).replace('\u03c2', '\u03c3');
  }
}
