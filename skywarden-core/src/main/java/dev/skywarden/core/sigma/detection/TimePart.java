package dev.skywarden.core.sigma.detection;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalField;

/**
 * The part of a timestamp that a Sigma time modifier ({@code minute}, {@code hour}, {@code day},
 * {@code week}, {@code month}, {@code year}) extracts from the field before comparing. Parts are
 * taken in UTC.
 */
public enum TimePart {
  /** {@code minute}: 0 to 59. */
  MINUTE("minute", ChronoField.MINUTE_OF_HOUR),
  /** {@code hour}: 0 to 23. */
  HOUR("hour", ChronoField.HOUR_OF_DAY),
  /** {@code day}: the day of the month, 1 to 31. */
  DAY("day", ChronoField.DAY_OF_MONTH),
  /** {@code week}: the ISO 8601 week of the week-based year, 1 to 53. */
  WEEK("week", IsoFields.WEEK_OF_WEEK_BASED_YEAR),
  /** {@code month}: 1 to 12. */
  MONTH("month", ChronoField.MONTH_OF_YEAR),
  /** {@code year}: the proleptic year, such as 2024. */
  YEAR("year", ChronoField.YEAR);

  private final String modifierName;
  private final TemporalField field;

  TimePart(String modifierName, TemporalField field) {
    this.modifierName = modifierName;
    this.field = field;
  }

  /** Returns the Sigma modifier name, such as {@code hour}. */
  public String modifierName() {
    return modifierName;
  }

  /** Returns the smallest value this part can have. */
  public long min() {
    return field.range().getMinimum();
  }

  /** Returns the largest value this part can have. */
  public long max() {
    return this == WEEK ? 53 : field.range().getMaximum();
  }

  /** Returns this part of {@code instant}, read in UTC. */
  public int extract(Instant instant) {
    return ZonedDateTime.ofInstant(instant, ZoneOffset.UTC).get(field);
  }
}
