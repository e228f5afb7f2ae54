package dev.skywarden.core.sigma;

import java.util.List;

/**
 * What a collect-errors parse produced: the detection rules, filters and correlation rules that
 * loaded, and one error for each rejected rule or document, in file order. The references of the
 * correlations are not resolved yet.
 */
public record SigmaParseResult(
    List<SigmaRule> rules,
    List<SigmaFilter> filters,
    List<SigmaCorrelationRule> correlations,
    List<SigmaRuleException> errors) {

  public SigmaParseResult {
    rules = List.copyOf(rules);
    filters = List.copyOf(filters);
    correlations = List.copyOf(correlations);
    errors = List.copyOf(errors);
  }

  /** Creates a result with rules and errors only. */
  public SigmaParseResult(List<SigmaRule> rules, List<SigmaRuleException> errors) {
    this(rules, List.of(), List.of(), errors);
  }

  /**
   * Returns a one-line summary such as {@code loaded 231 rules, 2 filters and 4 correlations (3 not
   * loaded)}; filters and correlations are named only when there are some.
   */
  public String summary() {
    String loaded = "loaded " + count(rules.size(), "rule");
    if (!filters.isEmpty() && !correlations.isEmpty()) {
      loaded +=
          ", "
              + count(filters.size(), "filter")
              + " and "
              + count(correlations.size(), "correlation");
    } else if (!filters.isEmpty()) {
      loaded += " and " + count(filters.size(), "filter");
    } else if (!correlations.isEmpty()) {
      loaded += " and " + count(correlations.size(), "correlation");
    }
    return errors.isEmpty() ? loaded : loaded + " (" + errors.size() + " not loaded)";
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
