package dev.skywarden.core.sigma;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code correlation.type} of a Sigma correlation rule: the names of the Sigma correlation
 * specification 2.1.0, plus {@code value_median}, which pySigma accepts as the 50th percentile.
 */
public enum CorrelationType {
  /** Counts the events of the referenced rules. */
  EVENT_COUNT,
  /** Counts the distinct values of {@code condition.field}. */
  VALUE_COUNT,
  /** Counts the distinct referenced rules that matched, in any order. */
  TEMPORAL,
  /** Counts the referenced rules that matched in the order they are listed. */
  TEMPORAL_ORDERED,
  /** Sums the numeric {@code condition.field}. */
  VALUE_SUM,
  /** Averages the numeric {@code condition.field}. */
  VALUE_AVG,
  /**
   * Takes the {@code condition.percentile}-th percentile of the numeric {@code condition.field}.
   */
  VALUE_PERCENTILE,
  /** Takes the median of the numeric {@code condition.field}. */
  VALUE_MEDIAN;

  /** Returns the name as written in rules, such as {@code event_count}. */
  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the type written as {@code text} (exact, lower case), or empty for anything else. */
  public static Optional<CorrelationType> parse(String text) {
    for (CorrelationType type : values()) {
      if (type.specName().equals(text)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** Returns whether the condition must name a {@code field}. */
  public boolean needsField() {
    return this != EVENT_COUNT && this != TEMPORAL && this != TEMPORAL_ORDERED;
  }

  /** Returns whether the field values must be numbers (sum, average, percentile, median). */
  public boolean isNumeric() {
    return needsField() && this != VALUE_COUNT;
  }

  /** Returns whether the type counts the distinct rules that matched. */
  public boolean isTemporal() {
    return this == TEMPORAL || this == TEMPORAL_ORDERED;
  }

  @Override
  public String toString() {
    return specName();
  }
}
