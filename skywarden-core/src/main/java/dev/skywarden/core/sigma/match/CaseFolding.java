package dev.skywarden.core.sigma.match;

import java.nio.charset.StandardCharsets;
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
      return hasUpper ? lowerAscii(text) : text;
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

  /** The latest folds of repeated texts of at most 256 characters, for {@link #foldRemembered}. */
  private static final RecentTexts<String> REMEMBERED =
      new RecentTexts<>(CaseFolding::fold, 4096, 256);

  /**
   * Returns {@link #fold fold(text)}, taken from the latest texts folded by this method when {@code
   * text} was among them, for values that repeat across events such as user agents. Thread-safe.
   */
  public static String foldRemembered(String text) {
    return REMEMBERED.get(text);
  }

  /** The result of {@link #asciiFoldedHash} for text with a character outside ASCII. */
  public static final long NOT_ASCII = Long.MIN_VALUE;

  /**
   * Returns {@code fold(text).hashCode()} without building the folded text when {@code text} is
   * ASCII, else {@link #NOT_ASCII}. ASCII text folds to its lower case, character by character.
   */
  public static long asciiFoldedHash(String text) {
    int hash = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return NOT_ASCII;
      }
      hash = 31 * hash + lower(c);
    }
    return hash;
  }

  /**
   * Returns whether {@code fold(text)} equals {@code folded}, for ASCII {@code text} only: the
   * caller must know that every character of {@code text} is below U+0080.
   */
  public static boolean asciiFoldEquals(String text, String folded) {
    if (text.length() != folded.length()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (lower(text.charAt(i)) != folded.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the lower case of ASCII {@code text}, as {@code toLowerCase(Locale.ROOT)} would,
   * without its per-character table lookups.
   */
  private static String lowerAscii(String text) {
    byte[] lowered = new byte[text.length()];
    for (int i = 0; i < lowered.length; i++) {
      lowered[i] = (byte) lower(text.charAt(i));
    }
    return new String(lowered, StandardCharsets.ISO_8859_1);
  }

  /** Returns the lower case of an ASCII character. */
  static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  private static String foldNonAscii(String text) {
    return text.replace(CAPITAL_SHARP_S, "ss")
        .toUpperCase(Locale.ROOT)
        .toLowerCase(Locale.ROOT)
        .replace(FINAL_SIGMA, SIGMA);
  }
}
