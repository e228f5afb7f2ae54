package dev.skywarden.core.detect.correlation;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.sigma.CorrelationType;
import dev.skywarden.core.sigma.SigmaCorrelationRule;
import dev.skywarden.core.sigma.correlation.ResolvedCorrelation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One window in which a correlation's condition held. Immutable.
 *
 * @param correlation the correlation that fired
 * @param groupValues the values of its {@code group-by} fields, in order
 * @param value the aggregate the condition was tested on: the count, sum, average or percentile
 * @param firstTime the time of the window's first event
 * @param lastTime the time of the window's last event; also the firing's own event time when a
 *     chained correlation counts it
 * @param eventCount how many inputs the window held (events, or firings of a referenced
 *     correlation)
 * @param contributingEvents how many events contributed: distinct rule matches, and for chained
 *     correlations the contributing events of each referenced firing; not capped like {@code
 *     evidence}
 * @param evidence the earliest contributing events, at most {@link
 *     CorrelationLimits#maxEvidencePerFiring()}; for chained correlations, the events behind the
 *     referenced firings
 * @param closedEarly whether a state limit closed the window before its timespan had passed
 */
public record CorrelationFiring(
    ResolvedCorrelation correlation,
    List<String> groupValues,
    BigDecimal value,
    Instant firstTime,
    Instant lastTime,
    int eventCount,
    long contributingEvents,
    List<CloudEvent> evidence,
    boolean closedEarly) {

  public CorrelationFiring {
    Objects.requireNonNull(correlation, "correlation");
    groupValues = List.copyOf(groupValues);
    Objects.requireNonNull(value, "value");
    evidence = List.copyOf(evidence);
  }

  /**
   * Returns one line such as {@code event_count 12 >= 10 in 5m for userIdentity.arn=arn:...}: the
   * type, the fields it aggregates, the value, the condition, the timespan and the group.
   */
  public String explanation() {
    SigmaCorrelationRule rule = correlation.rule();
    StringBuilder text = new StringBuilder(rule.type().specName());
    if (!rule.condition().fields().isEmpty()) {
      text.append(" of ").append(String.join(",", rule.condition().fields()));
    }
    if (rule.type() == CorrelationType.VALUE_PERCENTILE) {
      text.append(" p").append(rule.condition().percentile());
    }
    text.append(' ').append(format(value)).append(' ').append(rule.condition().comparisonText());
    if (rule.type().isTemporal()) {
      List<String> references = new ArrayList<>();
      for (SigmaCorrelationRule.RuleReference reference : rule.rules()) {
        references.add(reference.reference());
      }
      text.append(" of rules [").append(String.join(", ", references)).append(']');
    }
    text.append(" in ").append(rule.timespan().text());
    if (rule.groupBy().isEmpty()) {
      text.append(" over all events");
    } else {
      text.append(" for ");
      for (int i = 0; i < rule.groupBy().size(); i++) {
        if (i > 0) {
          text.append(", ");
        }
        text.append(rule.groupBy().get(i)).append('=').append(groupValues.get(i));
      }
    }
    if (closedEarly) {
      text.append(" (window closed early at the state limit)");
    }
    return text.toString();
  }

  /** Formats a number without trailing zeros and with at most six decimals. */
  static String format(BigDecimal number) {
    BigDecimal rounded = number.scale() > 6 ? number.setScale(6, RoundingMode.HALF_EVEN) : number;
    return rounded.stripTrailingZeros().toPlainString();
  }
}
