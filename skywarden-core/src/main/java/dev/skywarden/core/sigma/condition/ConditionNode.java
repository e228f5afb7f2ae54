package dev.skywarden.core.sigma.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A node of a parsed Sigma condition. {@code toString()} gives a compact S-expression such as
 * {@code (and sel (not (1-of filter_*)))}, which tests compare against.
 */
public sealed interface ConditionNode
    permits ConditionNode.Identifier,
        ConditionNode.And,
        ConditionNode.Or,
        ConditionNode.Not,
        ConditionNode.Quantified {

  /**
   * A reference to one search identifier.
   *
   * @param name the identifier
   * @param offset the 0-based character offset in the condition text
   */
  record Identifier(String name, int offset) implements ConditionNode {
    public Identifier {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Conjunction of two or more operands; nested {@code and}s are flattened. */
  record And(List<ConditionNode> operands) implements ConditionNode {
    public And {
      operands = List.copyOf(operands);
    }

    @Override
    public String toString() {
      return sexpr("and", operands);
    }
  }

  /** Disjunction of two or more operands; nested {@code or}s are flattened. */
  record Or(List<ConditionNode> operands) implements ConditionNode {
    public Or {
      operands = List.copyOf(operands);
    }

    @Override
    public String toString() {
      return sexpr("or", operands);
    }
  }

  /** Negation. */
  record Not(ConditionNode operand) implements ConditionNode {
    public Not {
      Objects.requireNonNull(operand, "operand");
    }

    @Override
    public String toString() {
      return "(not " + operand + ")";
    }
  }

  /** How many of the identifiers a {@link Quantified} node selects must match. */
  enum Quantifier {
    /** {@code 1 of} or {@code any of}: at least one. */
    ONE("1-of"),
    /** {@code all of}: every one. */
    ALL("all-of");

    private final String symbol;

    Quantifier(String symbol) {
      this.symbol = symbol;
    }
  }

  /**
   * {@code 1 of X}, {@code any of X} or {@code all of X}, where X is {@code them} or a pattern with
   * {@code *} wildcards at any position.
   *
   * @param quantifier how many must match
   * @param pattern the pattern, or {@code them} for every identifier not starting with {@code _}
   * @param offset the 0-based character offset of the pattern in the condition text
   */
  record Quantified(Quantifier quantifier, String pattern, int offset) implements ConditionNode {
    public Quantified {
      Objects.requireNonNull(quantifier, "quantifier");
      Objects.requireNonNull(pattern, "pattern");
    }

    /** Returns whether the node uses {@code them}. */
    public boolean isThem() {
      return "them".equals(pattern);
    }

    /** Returns the identifiers this node selects, in the order of {@code identifiers}. */
    public List<String> select(Set<String> identifiers) {
      List<String> selected = new ArrayList<>();
      Pattern glob = isThem() ? null : globPattern(pattern);
      for (String identifier : identifiers) {
        boolean included =
            isThem() ? !identifier.startsWith("_") : glob.matcher(identifier).matches();
        if (included) {
          selected.add(identifier);
        }
      }
      return selected;
    }

    @Override
    public String toString() {
      return "(" + quantifier.symbol + " " + pattern + ")";
    }

    private static Pattern globPattern(String pattern) {
      StringBuilder regex = new StringBuilder();
      String[] pieces = pattern.split("\\*", -1);
      for (int i = 0; i < pieces.length; i++) {
        if (i > 0) {
          regex.append(".*");
        }
        regex.append(Pattern.quote(pieces[i]));
      }
      return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
  }

  private static String sexpr(String operator, List<ConditionNode> operands) {
    StringBuilder text = new StringBuilder("(").append(operator);
    for (ConditionNode operand : operands) {
      text.append(' ').append(operand);
    }
    return text.append(')').toString();
  }
}
