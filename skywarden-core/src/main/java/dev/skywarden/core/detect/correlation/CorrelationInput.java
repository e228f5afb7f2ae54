package dev.skywarden.core.detect.correlation;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.sigma.SigmaRule;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One event that matched a rule some correlation references, reduced to what correlations need: the
 * event without its raw record (for time, order and evidence) and the texts of the fields the
 * correlations read from it. Immutable.
 *
 * @param rule the detection rule that matched
 * @param event the event with its raw record replaced by an empty object
 * @param fields the text of each needed field the event has, by field name; a field the event lacks
 *     (or has JSON null in) is absent
 */
public record CorrelationInput(SigmaRule rule, CloudEvent event, Map<String, String> fields) {

  public CorrelationInput {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(event, "event");
    fields = Map.copyOf(fields);
  }

  /** Returns the event time. */
  public Instant time() {
    return event.time();
  }
}
