package dev.skywarden.core.finding;

import java.util.Locale;

/**
 * The value lists of a {@link Finding} that are capped at {@link FindingAggregator#MAX_VALUES}
 * distinct values. {@link Finding#truncated()} names the lists that had more values than they keep.
 */
public enum CappedList {
  CREDENTIALS,
  SOURCE_ADDRESSES,
  OPERATIONS,
  ERROR_CODES,
  RESOURCES,
  CLIENTS;

  /** Returns the JSON field name of the list, such as {@code source_addresses}. */
  public String fieldName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
