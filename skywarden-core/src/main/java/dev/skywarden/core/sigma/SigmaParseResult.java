package dev.skywarden.core.sigma;

import java.util.List;

/**
 * What a collect-errors parse produced: the rules that loaded and one error for each rejected rule
 * or document, in file order.
 */
public record SigmaParseResult(List<SigmaRule> rules, List<SigmaRuleException> errors) {

  public SigmaParseResult {
    rules = List.copyOf(rules);
    errors = List.copyOf(errors);
  }

  /** Returns a one-line summary such as {@code loaded 231 rules (3 not loaded)}. */
  public String summary() {
    String loaded = "loaded " + rules.size() + (rules.size() == 1 ? " rule" : " rules");
    return errors.isEmpty() ? loaded : loaded + " (" + errors.size() + " not loaded)";
  }
}
