package dev.skywarden.core.sigma.correlation;

import dev.skywarden.core.sigma.SigmaCorrelationRule;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A correlation rule whose references are resolved and checked. Immutable.
 *
 * @param rule the parsed correlation
 * @param ordinal the position in {@link CorrelationSet#correlations()}, where every correlation
 *     comes after those it references
 * @param sources one source per referenced rule or correlation, in the order written
 * @param techniqueIds the ATT&amp;CK technique ids of its own tags, else the union of those of the
 *     referenced detection rules (recursively), in first-seen order
 */
public record ResolvedCorrelation(
    SigmaCorrelationRule rule,
    int ordinal,
    List<CorrelationSource> sources,
    List<String> techniqueIds) {

  public ResolvedCorrelation {
    Objects.requireNonNull(rule, "rule");
    sources = List.copyOf(sources);
    techniqueIds = List.copyOf(techniqueIds);
  }

  /** Returns the timespan. */
  public Duration timespan() {
    return rule.timespan().duration();
  }

  /** Returns the id, else the name, else the title. */
  public String key() {
    return rule.key();
  }

  @Override
  public String toString() {
    return "ResolvedCorrelation[" + ordinal + " " + rule.type() + " " + key() + "]";
  }
}
