package dev.skywarden.core.report;

import java.util.Locale;

/**
 * Counts with their nouns in English, such as {@code 1 event} and {@code 2 events}, for report text
 * and command-line messages. Stateless and thread-safe.
 */
public final class Plurals {

  private Plurals() {}

  /**
   * Returns the count and the noun, adding {@code s} unless the count is 1.
   *
   * @param count the count
   * @param singular the noun in the singular, such as {@code event}
   */
  public static String count(long count, String singular) {
    return count(count, singular, singular + "s");
  }

  /**
   * Returns the count and the singular or plural noun, for nouns such as {@code identity} whose
   * plural is not the singular with {@code s}.
   */
  public static String count(long count, String singular, String plural) {
    return String.format(Locale.ROOT, "%d %s", count, count == 1 ? singular : plural);
  }
}
