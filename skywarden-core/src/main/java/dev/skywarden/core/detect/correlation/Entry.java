package dev.skywarden.core.detect.correlation;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.SourceLocation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One input of one correlation: a rule match or a firing of a referenced correlation, with the
 * group it belongs to and the value it contributes.
 *
 * @param time the event time (for a firing, the time of its last event)
 * @param location where the event (for a firing, its last event) was read
 * @param eventId the event id (for a firing, that of its last event)
 * @param origin a tie-breaker: the rule's or correlation's position in the engine
 * @param source the index of the entry of {@code rules} it came through
 * @param groupValues the group-by values, in order
 * @param values the values of {@code condition.field}, in order; empty for counts of events and
 *     rules
 * @param number the numeric value for sums, averages and percentiles, else null
 * @param evidence the events behind it, earliest first, at most the evidence limit
 * @param eventCount how many events are behind it: 1 for a rule match, the firing's {@link
 *     CorrelationFiring#contributingEvents()} for a firing, however many {@code evidence} keeps
 */
record Entry(
    Instant time,
    SourceLocation location,
    String eventId,
    int origin,
    int source,
    List<String> groupValues,
    List<String> values,
    BigDecimal number,
    List<CloudEvent> evidence,
    long eventCount) {

  /** The total order in which entries are processed: event time, then where they were read. */
  static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::time)
          .thenComparing(Entry::location)
          .thenComparing(Entry::eventId)
          .thenComparingInt(Entry::origin)
          .thenComparingInt(Entry::source);
}
