package dev.skywarden.core.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.sigma.value.SigmaCidr;
import dev.skywarden.core.sigma.value.SigmaCompare;
import dev.skywarden.core.sigma.value.SigmaNumber;
import dev.skywarden.core.sigma.value.SigmaRegex;
import java.math.BigDecimal;
import java.util.List;

/** The value matchers for numbers, booleans, comparisons, CIDR ranges and regular expressions. */
final class ScalarMatchers {

  private ScalarMatchers() {}

  /** Returns the numeric value of a JSON number or numeric string, or null. */
  static BigDecimal decimal(JsonNode node) {
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      return SigmaNumber.toDecimal(node.textValue());
    }
    return null;
  }

  /** A number: equal text (ignoring case, for {@code 0x17}) or equal numeric value. */
  record NumberMatcher(SigmaNumber number) implements ValueMatcher {
    @Override
    public boolean test(JsonNode node) {
      return matches(node, JsonText.of(node));
    }

    @Override
    public boolean test(FieldValues values, int index) {
      return matches(values.node(index), values.text(index));
    }

    private boolean matches(JsonNode node, String text) {
      if (text == null || node.isContainerNode()) {
        return false;
      }
      if (text.equalsIgnoreCase(number.text())) {
        return true;
      }
      BigDecimal fieldValue = decimal(node);
      return fieldValue != null
          && number.value() != null
          && fieldValue.compareTo(number.value()) == 0;
    }

    @Override
    public int cost() {
      return 1;
    }
  }

  /** A boolean: a JSON boolean or the text {@code true}/{@code false} in any case. */
  record BoolMatcher(boolean expected) implements ValueMatcher {
    @Override
    public boolean test(JsonNode node) {
      if (node.isBoolean()) {
        return node.booleanValue() == expected;
      }
      return node.isTextual() && node.textValue().equalsIgnoreCase(Boolean.toString(expected));
    }

    @Override
    public int cost() {
      return 1;
    }
  }

  /** {@code lt}, {@code lte}, {@code gt}, {@code gte} against a number or numeric string. */
  record CompareMatcher(SigmaCompare compare) implements ValueMatcher {
    @Override
    public boolean test(JsonNode node) {
      BigDecimal fieldValue = decimal(node);
      return fieldValue != null && compare.operator().test(fieldValue, compare.number());
    }

    @Override
    public int cost() {
      return 2;
    }
  }

  /** {@code cidr}: the field text is an IP address literal inside the range. */
  record CidrMatcher(SigmaCidr cidr) implements ValueMatcher {
    @Override
    public boolean test(JsonNode node) {
      if (!node.isTextual()) {
        return false;
      }
      return SigmaCidr.parseAddress(node.textValue().strip()).map(cidr::contains).orElse(false);
    }

    @Override
    public int cost() {
      return 6;
    }
  }

  /**
   * {@code re}: the expression is found anywhere in the field text. When the expression is
   * case-sensitive and every match must contain a literal ({@link RegexLiteral}), text without that
   * literal is rejected before the expression runs; a leading {@code .+} or {@code .*} otherwise
   * makes a failed search cost time quadratic in the text length.
   *
   * @param regex the expression
   * @param requiredLiteral the literal every match contains, or null to always run the expression
   */
  record RegexMatcher(SigmaRegex regex, String requiredLiteral) implements ValueMatcher {

    /** Returns a matcher for {@code regex}, with its required literal when it is safe to use. */
    static RegexMatcher of(SigmaRegex regex) {
      if (regex.flags().contains(SigmaRegex.Flag.IGNORE_CASE)) {
        return new RegexMatcher(regex, null);
      }
      return new RegexMatcher(regex, RegexLiteral.required(regex.regex()).orElse(null));
    }

    @Override
    public boolean test(JsonNode node) {
      return matches(JsonText.of(node));
    }

    @Override
    public boolean test(FieldValues values, int index) {
      return matches(values.text(index));
    }

    private boolean matches(String text) {
      if (text == null) {
        return false;
      }
      if (requiredLiteral != null && !text.contains(requiredLiteral)) {
        return false;
      }
      return regex.pattern().matcher(text).find();
    }

    @Override
    public int cost() {
      return 10;
    }
  }

  /** An expansion: any alternative matches. */
  record AnyOfMatcher(List<ValueMatcher> alternatives) implements ValueMatcher {
    @Override
    public boolean test(JsonNode node) {
      for (ValueMatcher alternative : alternatives) {
        if (alternative.test(node)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean test(FieldValues values, int index) {
      for (ValueMatcher alternative : alternatives) {
        if (alternative.test(values, index)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public int cost() {
      return alternatives.stream().mapToInt(ValueMatcher::cost).sum();
    }
  }
}
