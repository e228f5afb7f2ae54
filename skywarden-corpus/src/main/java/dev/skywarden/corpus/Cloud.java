package dev.skywarden.corpus;

import java.util.Locale;

/** A cloud whose logs the corpus can hold. */
public enum Cloud {
  AWS,
  AZURE,
  GCP;

  /**
   * Parses {@code aws}, {@code azure} or {@code gcp}, ignoring case.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static Cloud parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown cloud '" + text + "': expected aws, azure or gcp", e);
    }
  }
}
