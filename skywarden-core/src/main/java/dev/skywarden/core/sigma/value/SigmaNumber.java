package dev.skywarden.core.sigma.value;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A YAML number rule value. It keeps the rule's own text, so {@code 0x17} still matches the text
 * {@code 0x17}, and the decimal value for numeric comparison.
 *
 * @param text the scalar as written in the rule
 * @param value the numeric value, or null for a form that has none ({@code .nan}, {@code .inf})
 */
public record SigmaNumber(String text, BigDecimal value) implements SigmaValue {

  public SigmaNumber {
    Objects.requireNonNull(text, "text");
  }

  /**
   * Parses a YAML 1.2 core-schema integer or float: decimal, {@code 0x} hexadecimal or {@code 0o}
   * octal.
   */
  public static SigmaNumber parse(String text) {
    return new SigmaNumber(text, toDecimal(text));
  }

  /** Returns the numeric value of {@code text}, or null when it is not a finite number. */
  public static BigDecimal toDecimal(String text) {
    String trimmed = text.strip().replace("_", "");
    try {
      if (trimmed.startsWith("0x") || trimmed.startsWith("0X")) {
        return new BigDecimal(new java.math.BigInteger(trimmed.substring(2), 16));
      }
      if (trimmed.startsWith("0o")) {
        return new BigDecimal(new java.math.BigInteger(trimmed.substring(2), 8));
      }
      return new BigDecimal(trimmed);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String kind() {
    return "number";
  }

  @Override
  public String toString() {
    return text;
  }
}
