package dev.skywarden.core.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.sigma.match.MatchExplanation;
import dev.skywarden.core.sigma.match.RuleMatcher;
import java.util.Objects;
import java.util.Optional;

/**
 * A Sigma rule ready to evaluate events. Immutable and thread-safe.
 *
 * <p>{@code toString()} gives the title and the condition text.
 */
public final class CompiledRule {

  private final SigmaRule rule;
  private final RuleMatcher matcher;

  private CompiledRule(SigmaRule rule, RuleMatcher matcher) {
    this.rule = rule;
    this.matcher = matcher;
  }

  /** Compiles a parsed rule; a rule from {@link SigmaRuleParser} always compiles. */
  public static CompiledRule compile(SigmaRule rule) {
    Objects.requireNonNull(rule, "rule");
    return new CompiledRule(rule, RuleMatcher.compile(rule.detection()));
  }

  /** Returns the parsed rule. */
  public SigmaRule rule() {
    return rule;
  }

  /** Returns whether the event's log source is in the rule's scope. */
  public boolean appliesTo(SigmaEvent event) {
    return rule.logSource().appliesTo(event.product(), event.service(), event.category());
  }

  /** Returns whether the event is in scope and satisfies the rule's condition. */
  public boolean matches(SigmaEvent event) {
    return appliesTo(event) && matcher.matches(event.document());
  }

  /** Returns whether the document satisfies the condition, ignoring the log source. */
  public boolean matchesDocument(JsonNode document) {
    return matcher.matches(document);
  }

  /**
   * Returns which search identifiers matched and on which values, or empty when the event does not
   * match.
   */
  public Optional<MatchExplanation> explain(SigmaEvent event) {
    return appliesTo(event) ? matcher.explain(event.document()) : Optional.empty();
  }

  @Override
  public String toString() {
    return rule.title() + ": " + matcher;
  }
}
