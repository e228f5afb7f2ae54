package dev.skywarden.core.sigma.value;

import java.math.BigDecimal;
import java.util.Objects;

/** A numeric comparison made by {@code lt}, {@code lte}, {@code gt} or {@code gte}. */
public record SigmaCompare(Operator operator, BigDecimal number) implements SigmaValue {

  /** The comparison operators, named by their Sigma modifier. */
  public enum Operator {
    LT("lt"),
    LTE("lte"),
    GT("gt"),
    GTE("gte");

    private final String modifierName;

    Operator(String modifierName) {
      this.modifierName = modifierName;
    }

    /** Returns the Sigma modifier name, such as {@code gte}. */
    public String modifierName() {
      return modifierName;
    }

    /** Returns whether {@code fieldValue <op> ruleValue} holds. */
    public boolean test(BigDecimal fieldValue, BigDecimal ruleValue) {
      int order = fieldValue.compareTo(ruleValue);
      return switch (this) {
        case LT -> order < 0;
        case LTE -> order <= 0;
        case GT -> order > 0;
        case GTE -> order >= 0;
      };
    }
  }

  public SigmaCompare {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(number, "number");
  }

  @Override
  public String kind() {
    return "numeric comparison";
  }

  @Override
  public String toString() {
    return operator.modifierName() + " " + number.toPlainString();
  }
}
