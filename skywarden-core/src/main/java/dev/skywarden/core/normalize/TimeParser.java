package dev.skywarden.core.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;

/**
 * Parses the event times found in cloud audit logs into {@link Instant}s.
 *
 * <p>Accepted forms:
 *
 * <ul>
 *   <li>ISO-8601 date-time with 0 to 9 fractional digits ({@code 2024-01-02T03:04:05Z}, {@code
 *       .123Z}, {@code .123456Z}, {@code .1234567Z}, {@code .123456789Z});
 *   <li>an offset such as {@code +01:00} or {@code +0100}; without an offset the time is read as
 *       UTC;
 *   <li>a space instead of {@code T}, as in Panther's {@code 2019-01-01 00:00:00.000000000};
 *   <li>a JSON number, or a string of digits only, read as time since the epoch: in seconds when
 *       its absolute value is below {@value #SECONDS_LIMIT}, else in milliseconds (see {@link
 *       #fromEpoch(long)}).
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class TimeParser {

  private static final DateTimeFormatter FORMAT =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter();

  private static final Pattern SPACE_SEPARATED = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d");

  /** The length of {@code 2024-01-02T03:04:05Z}, the fast form without a fraction. */
  private static final int UTC_SECONDS_LENGTH = 20;

  private static final Pattern DIGITS = Pattern.compile("^-?\\d{1,18}$");

  /**
   * Epoch values with an absolute value below this are seconds. As milliseconds they would be
   * before 1973-03-03, and as seconds values above it are after the year 5138, so neither reading
   * is plausible for an audit log on the wrong side.
   */
  static final long SECONDS_LIMIT = 100_000_000_000L;

  private TimeParser() {}

  /**
   * Returns the instant of an epoch value in seconds or milliseconds, by {@link #SECONDS_LIMIT}.
   */
  static Instant fromEpoch(long value) {
    if (Math.abs(value) < SECONDS_LIMIT) {
      return Instant.ofEpochSecond(value);
    }
    return Instant.ofEpochMilli(value);
  }

  /**
   * Parses a time given as text.
   *
   * @throws DateTimeParseException when the text is in none of the accepted forms
   */
  public static Instant parse(String text) {
    String value = text.trim();
    Instant utc = parseUtcSeconds(value);
    if (utc != null) {
      return utc;
    }
    if (DIGITS.matcher(value).matches()) {
      return fromEpoch(Long.parseLong(value));
    }
    if (SPACE_SEPARATED.matcher(value).find()) {
      value = value.substring(0, 10) + 'T' + value.substring(11);
    }
    TemporalAccessor parsed = FORMAT.parseBest(value, OffsetDateTime::from, LocalDateTime::from);
    if (parsed instanceof OffsetDateTime withOffset) {
      return withOffset.toInstant();
    }
    return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
  }

  /**
   * Parses {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, the form of CloudTrail, Azure and GCP times,
   * without the general formatter, which was about a tenth of a whole hunt's profile. Returns
   * {@code null} for any other text and for values that the formatter resolves to another date or
   * time (a day beyond the month's length, hour 24), so those keep the formatter's result.
   */
  private static Instant parseUtcSeconds(String value) {
    int length = value.length();
    if (length < UTC_SECONDS_LENGTH
        || length > UTC_SECONDS_LENGTH + 10
        || value.charAt(length - 1) != 'Z'
        || value.charAt(4) != '-'
        || value.charAt(7) != '-'
        || value.charAt(10) != 'T'
        || value.charAt(13) != ':'
        || value.charAt(16) != ':') {
      return null;
    }
    int year = asciiDigits(value, 0, 4);
    int month = asciiDigits(value, 5, 2);
    int day = asciiDigits(value, 8, 2);
    int hour = asciiDigits(value, 11, 2);
    int minute = asciiDigits(value, 14, 2);
    int second = asciiDigits(value, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) {
      return null;
    }
    if (minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    if (day > 28 && day > Month.of(month).length(Year.isLeap(year))) {
      return null;
    }

    int nanos = 0;
    int fractionDigits = length - UTC_SECONDS_LENGTH - 1;
    if (length > UTC_SECONDS_LENGTH) {
      if (value.charAt(UTC_SECONDS_LENGTH - 1) != '.' || fractionDigits < 1) {
        return null;
      }
      nanos = asciiDigits(value, UTC_SECONDS_LENGTH, fractionDigits);
      if (nanos < 0) {
        return null;
      }
      for (int i = fractionDigits; i < 9; i++) {
        nanos *= 10;
      }
    }

    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    long secondOfDay = hour * 3600L + minute * 60L + second;
    return Instant.ofEpochSecond(epochDay * 86_400L + secondOfDay, nanos);
  }

  /** Returns the value of {@code count} ASCII digits from {@code start}, or -1 for another char. */
  private static int asciiDigits(String text, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * Parses a time given as a JSON value: a string (see {@link #parse(String)}) or an integral
   * number of seconds or milliseconds since the epoch (see {@link #fromEpoch(long)}).
   *
   * @throws DateTimeParseException when the value is a string in none of the accepted forms, or
   *     neither a string nor an integral number
   */
  public static Instant parse(JsonNode value) {
    if (value.isIntegralNumber()) {
      return fromEpoch(value.asLong());
    }
    if (value.isTextual()) {
      return parse(value.asText());
    }
    throw new DateTimeParseException("not a time string or epoch number", value.toString(), 0);
  }
}
