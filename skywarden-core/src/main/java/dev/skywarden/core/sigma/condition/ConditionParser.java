package dev.skywarden.core.sigma.condition;

import dev.skywarden.core.sigma.RuleLocation;
import dev.skywarden.core.sigma.SigmaConditionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser for Sigma conditions, one method per production:
 *
 * <pre>
 * condition  := orExpr EOF
 * orExpr     := andExpr ( "or" andExpr )*
 * andExpr    := notExpr ( "and" notExpr )*
 * notExpr    := "not" notExpr | primary
 * primary    := "(" orExpr ")" | quantified | IDENTIFIER
 * quantified := ( "1" | "any" | "all" ) "of" ( "them" | PATTERN )
 * </pre>
 *
 * <p>So {@code not} binds tighter than {@code and}, which binds tighter than {@code or}. Keywords
 * are matched without regard to case. An IDENTIFIER or PATTERN is any run of characters other than
 * white space and parentheses; a PATTERN may hold {@code *} at any position.
 *
 * <p>Instances are single-use and not thread-safe; {@link #parse} creates one per call.
 */
public final class ConditionParser {

  private record Token(String text, int offset) {
    boolean is(String keyword) {
      return text.toLowerCase(Locale.ROOT).equals(keyword);
    }
  }

  private final String text;
  private final RuleLocation start;
  private final List<Token> tokens;
  private int position;

  private ConditionParser(String text, RuleLocation start) {
    this.text = text;
    this.start = start;
    this.tokens = tokenize(text);
  }

  /**
   * Parses one condition.
   *
   * @param text the condition text
   * @param start where {@code text} starts in the rule file, so errors point at the bad token
   * @throws SigmaConditionException when the text does not follow the grammar
   */
  public static ConditionNode parse(String text, RuleLocation start) {
    return new ConditionParser(text, start).parseCondition();
  }

  /**
   * Checks that every identifier in {@code node} is defined and every pattern selects at least one
   * identifier.
   *
   * @throws SigmaConditionException naming the first undefined identifier or empty pattern
   */
  public static void validate(ConditionNode node, Set<String> identifiers, RuleLocation start) {
    if (node instanceof ConditionNode.Identifier identifier) {
      if (!identifiers.contains(identifier.name())) {
        throw new SigmaConditionException(
            start.plusColumns(identifier.offset()),
            "condition references unknown search identifier '"
                + identifier.name()
                + "'; defined: "
                + identifiers);
      }
    } else if (node instanceof ConditionNode.Quantified quantified) {
      if (quantified.select(identifiers).isEmpty()) {
        throw new SigmaConditionException(
            start.plusColumns(quantified.offset()),
            "'" + quantified.pattern() + "' matches no search identifier; defined: " + identifiers);
      }
    } else if (node instanceof ConditionNode.Not not) {
      validate(not.operand(), identifiers, start);
    } else if (node instanceof ConditionNode.And and) {
      for (ConditionNode operand : and.operands()) {
        validate(operand, identifiers, start);
      }
    } else if (node instanceof ConditionNode.Or or) {
      for (ConditionNode operand : or.operands()) {
        validate(operand, identifiers, start);
      }
    }
  }

  private ConditionNode parseCondition() {
    if (tokens.isEmpty()) {
      throw error(0, "condition is empty");
    }
    ConditionNode node = parseOrExpr();
    if (position < tokens.size()) {
      Token extra = tokens.get(position);
      String hint =
          extra.text().startsWith("|")
              ? "; Sigma 1 aggregations are not supported, Sigma 2 uses correlation rules"
              : "";
      throw error(
          extra.offset(), "unexpected '" + extra.text() + "' in condition '" + text + "'" + hint);
    }
    return node;
  }

  private ConditionNode parseOrExpr() {
    List<ConditionNode> operands = new ArrayList<>();
    addFlattened(operands, parseAndExpr(), true);
    while (peekIs("or")) {
      position++;
      addFlattened(operands, parseAndExpr(), true);
    }
    return operands.size() == 1 ? operands.get(0) : new ConditionNode.Or(operands);
  }

  private ConditionNode parseAndExpr() {
    List<ConditionNode> operands = new ArrayList<>();
    addFlattened(operands, parseNotExpr(), false);
    while (peekIs("and")) {
      position++;
      addFlattened(operands, parseNotExpr(), false);
    }
    return operands.size() == 1 ? operands.get(0) : new ConditionNode.And(operands);
  }

  private ConditionNode parseNotExpr() {
    if (peekIs("not")) {
      position++;
      return new ConditionNode.Not(parseNotExpr());
    }
    return parsePrimary();
  }

  private ConditionNode parsePrimary() {
    Token token = next("a search identifier, 'not', '(' or '1 of'");
    if (token.text().equals("(")) {
      ConditionNode inner = parseOrExpr();
      Token close = next("')'");
      if (!close.text().equals(")")) {
        throw error(close.offset(), "expected ')' but found '" + close.text() + "'");
      }
      return inner;
    }
    if (token.text().equals(")") || isOperator(token)) {
      throw error(
          token.offset(),
          "expected a search identifier, 'not', '(' or '1 of' but found '" + token.text() + "'");
    }
    if ((token.is("1") || token.is("any") || token.is("all")) && peekIs("of")) {
      return parseQuantified(token);
    }
    return new ConditionNode.Identifier(token.text(), token.offset());
  }

  private ConditionNode parseQuantified(Token quantifierToken) {
    position++; // "of"
    Token target = next("'them' or a search identifier pattern after 'of'");
    if (target.text().equals("(") || target.text().equals(")") || isOperator(target)) {
      throw error(target.offset(), "expected 'them' or a pattern after 'of'");
    }
    ConditionNode.Quantifier quantifier =
        quantifierToken.is("all") ? ConditionNode.Quantifier.ALL : ConditionNode.Quantifier.ONE;
    String pattern = target.is("them") ? "them" : target.text();
    return new ConditionNode.Quantified(quantifier, pattern, target.offset());
  }

  private static void addFlattened(List<ConditionNode> operands, ConditionNode node, boolean or) {
    if (or && node instanceof ConditionNode.Or orNode) {
      operands.addAll(orNode.operands());
    } else if (!or && node instanceof ConditionNode.And andNode) {
      operands.addAll(andNode.operands());
    } else {
      operands.add(node);
    }
  }

  private static boolean isOperator(Token token) {
    return token.is("and") || token.is("or") || token.is("not");
  }

  private boolean peekIs(String keyword) {
    return position < tokens.size() && tokens.get(position).is(keyword);
  }

  private Token next(String expected) {
    if (position >= tokens.size()) {
      throw error(
          text.length(), "condition '" + text + "' ends where " + expected + " is expected");
    }
    return tokens.get(position++);
  }

  private SigmaConditionException error(int offset, String reason) {
    return new SigmaConditionException(start.plusColumns(offset), reason);
  }

  private static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        tokens.add(new Token(String.valueOf(c), i));
        i++;
      } else {
        int begin = i;
        while (i < text.length()
            && !Character.isWhitespace(text.charAt(i))
            && text.charAt(i) != '('
            && text.charAt(i) != ')') {
          i++;
        }
        tokens.add(new Token(text.substring(begin, i), begin));
      }
    }
    return tokens;
  }
}
