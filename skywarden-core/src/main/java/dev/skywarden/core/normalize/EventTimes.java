package dev.skywarden.core.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.stats.SkipReason;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads the event time of a record from the first of several candidate fields. */
final class EventTimes {

  /** Panther's normalised event time, present in records exported from Panther. */
  static final String PANTHER_EVENT_TIME = "p_event_time";

  private EventTimes() {}

  /**
   * Returns the time in the first candidate path that has a value.
   *
   * @param paths candidate paths, each a list of field names, most authoritative first
   * @throws SkipException with {@link SkipReason#INVALID_TIME} when no candidate has a value, or
   *     the first value present is not a time. The detail names the field and the value
   */
  static Instant read(JsonNode record, String[]... paths) throws SkipException {
    // The field names are joined only for a skip detail, not for every record.
    for (String[] path : paths) {
      JsonNode value = JsonFields.path(record, path);
      if (value == null || (value.isTextual() && value.asText().isBlank())) {
        continue;
      }
      try {
        return TimeParser.parse(value);
      } catch (DateTimeParseException invalid) {
        throw new SkipException(
            SkipReason.INVALID_TIME, String.join(".", path) + " " + value + " is not a valid time");
      }
    }
    List<String> tried = new ArrayList<>();
    for (String[] path : paths) {
      tried.add(String.join(".", path));
    }
    throw new SkipException(SkipReason.INVALID_TIME, "no time field, tried " + tried);
  }

  static String[] field(String... names) {
    return names;
  }
}
