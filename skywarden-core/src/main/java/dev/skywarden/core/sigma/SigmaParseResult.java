package dev.skywarden.core.sigma;

import java.util.List;

/**
 * The output of a collect-errors parse: the rules and filters that loaded and one error for each
 * rejected document, in file order.
 */
public record SigmaParseResult(
    List<SigmaRule> rules, List<SigmaFilter> filters, List<SigmaRuleException> errors) {

  public SigmaParseResult {
    rules = List.copyOf(rules);
    filters = List.copyOf(filters);
    errors = List.copyOf(errors);
  }

  /** Returns a result with rules and errors and no filter. */
  public SigmaParseResult(List<SigmaRule> rules, List<SigmaRuleException> errors) {
    this(rules, List.of(), errors);
  }

  /** Returns a one-line summary such as {@code loaded 231 rules and 2 filters (3 not loaded)}. */
  public String summary() {
    String loaded = "loaded " + rules.size() + (rules.size() == 1 ? " rule" : " rules");
    if (!filters.isEmpty()) {
      loaded += " and " + filters.size() + (filters.size() == 1 ? " filter" : " filters");
    }
    return errors.isEmpty() ? loaded : loaded + " (" + errors.size() + " not loaded)";
  }
}
