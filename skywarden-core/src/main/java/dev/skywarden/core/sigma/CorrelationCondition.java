package dev.skywarden.core.sigma;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code correlation.condition} of a correlation rule: one or more comparisons that must all
 * hold (a range such as {@code gt: 100, lte: 200}), the fields that value correlations aggregate,
 * and the percentile of {@code value_percentile}. Immutable.
 *
 * @param fields the names of the aggregated fields, in rule order; empty for counts of events and
 *     rules
 * @param percentile the percentile (0 to 100) of {@code value_percentile}, else null
 * @param comparisons the comparisons, in rule order, at least one
 */
public record CorrelationCondition(
    List<String> fields, Integer percentile, List<Comparison> comparisons) {

  public CorrelationCondition {
    fields = List.copyOf(fields);
    comparisons = List.copyOf(comparisons);
    if (comparisons.isEmpty()) {
      throw new IllegalArgumentException("a correlation condition needs a comparison");
    }
  }

  /** A comparison operator of a correlation condition. */
  public enum Operator {
    GT(">"),
    GTE(">="),
    LT("<"),
    LTE("<="),
    EQ("=="),
    NEQ("!=");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    /** Returns the key as written in rules, such as {@code gte}. */
    public String specName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the mathematical symbol, such as {@code >=}. */
    public String symbol() {
      return symbol;
    }

    /** Returns whether {@code value} compares to {@code threshold} as this operator requires. */
    public boolean test(BigDecimal value, BigDecimal threshold) {
      int order = value.compareTo(threshold);
      return switch (this) {
        case GT -> order > 0;
        case GTE -> order >= 0;
        case LT -> order < 0;
        case LTE -> order <= 0;
        case EQ -> order == 0;
        case NEQ -> order != 0;
      };
    }
  }

  /**
   * One comparison such as {@code gte: 10}.
   *
   * @param operator the operator
   * @param threshold the value compared against
   */
  public record Comparison(Operator operator, BigDecimal threshold) {

    public Comparison {
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(threshold, "threshold");
    }

    /** Returns the comparison as {@code >= 10}. */
    @Override
    public String toString() {
      return operator.symbol() + " " + threshold.stripTrailingZeros().toPlainString();
    }
  }

  /** Returns a condition of one comparison without fields, as for {@code event_count}. */
  public static CorrelationCondition of(Operator operator, long threshold) {
    return new CorrelationCondition(
        List.of(), null, List.of(new Comparison(operator, BigDecimal.valueOf(threshold))));
  }

  /** Returns whether {@code value} satisfies every comparison. */
  public boolean test(BigDecimal value) {
    for (Comparison comparison : comparisons) {
      if (!comparison.operator().test(value, comparison.threshold())) {
        return false;
      }
    }
    return true;
  }

  /** Returns the comparisons as text such as {@code > 100 and <= 200}. */
  public String comparisonText() {
    List<String> parts = new ArrayList<>();
    for (Comparison comparison : comparisons) {
      parts.add(comparison.toString());
    }
    return String.join(" and ", parts);
  }
}
