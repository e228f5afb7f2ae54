package dev.skywarden.core.sigma.condition;

import dev.skywarden.core.sigma.RuleLocation;
import java.util.Objects;

/**
 * One condition of a rule: its text, its parse tree and where the text starts.
 *
 * @param text the condition as written
 * @param expression the parse tree, with {@code 1 of}/{@code all of} patterns not yet expanded
 * @param location where the condition text starts in the rule file
 */
public record SigmaCondition(String text, ConditionNode expression, RuleLocation location) {

  public SigmaCondition {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(location, "location");
  }

  @Override
  public String toString() {
    return text;
  }
}
