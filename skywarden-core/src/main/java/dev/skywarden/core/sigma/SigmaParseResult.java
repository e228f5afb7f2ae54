package dev.skywarden.core.sigma;

import java.util.List;

/**
 * What a collect-errors parse produced: the detection rules and the correlation rules that loaded,
 * and one error for each rejected rule or document, in file order. The references of the
 * correlations are not resolved yet.
 */
public record SigmaParseResult(
    List<SigmaRule> rules,
    List<SigmaCorrelationRule> correlations,
    List<SigmaRuleException> errors) {

  public SigmaParseResult {
    rules = List.copyOf(rules);
    correlations = List.copyOf(correlations);
    errors = List.copyOf(errors);
  }

  /** Creates a result without correlation rules. */
  public SigmaParseResult(List<SigmaRule> rules, List<SigmaRuleException> errors) {
    this(rules, List.of(), errors);
  }

  /**
   * Returns a one-line summary such as {@code loaded 231 rules (3 not loaded)}, or {@code loaded
   * 231 rules and 4 correlations (3 not loaded)} when there are correlations.
   */
  public String summary() {
    String loaded = "loaded " + rules.size() + (rules.size() == 1 ? " rule" : " rules");
    if (!correlations.isEmpty()) {
      loaded +=
          " and "
              + correlations.size()
              + (correlations.size() == 1 ? " correlation" : " correlations");
    }
    return errors.isEmpty() ? loaded : loaded + " (" + errors.size() + " not loaded)";
  }
}
