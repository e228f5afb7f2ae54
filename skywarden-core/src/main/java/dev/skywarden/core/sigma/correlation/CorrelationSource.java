package dev.skywarden.core.sigma.correlation;

import dev.skywarden.core.sigma.SigmaRule;
import dev.skywarden.core.sigma.match.FieldPath;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a correlation's {@code rules}, resolved: a detection rule whose matching events feed
 * the correlation, or another correlation whose firings do. Immutable.
 */
public sealed interface CorrelationSource
    permits CorrelationSource.RuleSource, CorrelationSource.ChainedSource {

  /** Returns the reference as written in {@code rules}. */
  String reference();

  /**
   * A detection rule. Group-by and value fields are read from each matching event at these paths,
   * after aliases are applied.
   *
   * @param reference the id or name as written
   * @param rule the referenced rule
   * @param groupPaths one path per {@code group-by} entry, in order
   * @param valuePaths one path per {@code condition.field}, in order
   */
  record RuleSource(
      String reference, SigmaRule rule, List<FieldPath> groupPaths, List<FieldPath> valuePaths)
      implements CorrelationSource {
    public RuleSource {
      Objects.requireNonNull(rule, "rule");
      groupPaths = List.copyOf(groupPaths);
      valuePaths = List.copyOf(valuePaths);
    }
  }

  /**
   * Another correlation. Group-by and value fields are taken from the group-by values of its
   * firings, by position.
   *
   * @param reference the id or name as written
   * @param correlation the referenced correlation
   * @param groupIndexes for each {@code group-by} entry, the index in the referenced correlation's
   *     group-by
   * @param valueIndexes for each {@code condition.field}, the index in the referenced correlation's
   *     group-by
   */
  record ChainedSource(
      String reference,
      ResolvedCorrelation correlation,
      List<Integer> groupIndexes,
      List<Integer> valueIndexes)
      implements CorrelationSource {
    public ChainedSource {
      Objects.requireNonNull(correlation, "correlation");
      groupIndexes = List.copyOf(groupIndexes);
      valueIndexes = List.copyOf(valueIndexes);
    }
  }
}
