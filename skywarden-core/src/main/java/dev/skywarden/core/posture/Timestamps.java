package dev.skywarden.core.posture;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses the times of cloud exports: ISO-8601 with offset or {@code Z}, the Python form with a
 * space ({@code 2019-12-18 19:10:08+00:00}), or a bare date (midnight UTC).
 */
public final class Timestamps {

  private Timestamps() {}

  /**
   * Parses a time.
   *
   * @throws DateTimeParseException when the text is none of the accepted forms
   */
  public static Instant parse(String text) {
    String value = text.trim();
    if (value.length() == 10) {
      return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (value.length() > 10 && value.charAt(10) == ' ') {
      value = value.substring(0, 10) + "T" + value.substring(11);
    }
    if (value.endsWith("Z") || value.endsWith("z")) {
      return Instant.parse(value.substring(0, value.length() - 1) + "Z");
    }
    return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  /**
   * Parses a time that the export may leave out: empty, {@code N/A}, {@code no_information} and
   * {@code not_supported} give empty.
   *
   * @throws DateTimeParseException when the text is present but no time
   */
  public static Optional<Instant> optional(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String value = text.trim();
    if (value.isEmpty()
        || value.equalsIgnoreCase("N/A")
        || value.equalsIgnoreCase("no_information")
        || value.equalsIgnoreCase("not_supported")) {
      return Optional.empty();
    }
    return Optional.of(parse(value));
  }
}
