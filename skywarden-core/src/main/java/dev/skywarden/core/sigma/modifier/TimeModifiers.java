package dev.skywarden.core.sigma.modifier;

import dev.skywarden.core.sigma.detection.TimePart;
import dev.skywarden.core.sigma.value.SigmaCompare;
import dev.skywarden.core.sigma.value.SigmaNumber;
import dev.skywarden.core.sigma.value.SigmaString;
import dev.skywarden.core.sigma.value.SigmaValue;
import java.math.BigDecimal;
import java.util.function.Consumer;

/**
 * Time modifiers: {@code minute}, {@code hour}, {@code day}, {@code week}, {@code month} and {@code
 * year}. Each makes the item compare one part of the field's timestamp (read in UTC) with the
 * rule's numbers; {@code lt}, {@code gte} and the other comparisons may follow.
 */
final class TimeModifiers {

  private TimeModifiers() {}

  static void registerAll(Consumer<SigmaModifier> register) {
    for (TimePart part : TimePart.values()) {
      register.accept(SigmaModifiers.of(part.modifierName(), target -> apply(target, part)));
    }
  }

  private static void apply(ModifierTarget target, TimePart part) {
    if (target.field() == null) {
      throw target.error("needs a field name");
    }
    if (target.timePart() != null) {
      throw target.error(
          "cannot follow the time modifier '" + target.timePart().modifierName() + "'");
    }
    target.mapValues(value -> number(target, part, value));
    target.setTimePart(part);
  }

  private static SigmaValue number(ModifierTarget target, TimePart part, SigmaValue value) {
    if (value instanceof SigmaCompare) {
      return value; // a comparison written before the time modifier
    }
    SigmaNumber number = null;
    if (value instanceof SigmaNumber numberValue) {
      number = numberValue;
    } else if (value instanceof SigmaString string
        && string.original() != null
        && SigmaNumber.toDecimal(string.original()) != null) {
      number = SigmaNumber.parse(string.original().strip());
    }
    if (number == null) {
      throw target.wrongKind(value, "number");
    }
    BigDecimal decimal = number.value();
    boolean integral = decimal != null && decimal.stripTrailingZeros().scale() <= 0;
    if (!integral
        || decimal.compareTo(BigDecimal.valueOf(part.min())) < 0
        || decimal.compareTo(BigDecimal.valueOf(part.max())) > 0) {
      throw new IllegalArgumentException(
          "'" + number.text() + "' is not a whole number from " + part.min() + " to " + part.max());
    }
    return number;
  }
}
