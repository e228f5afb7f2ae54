package dev.skywarden.core.sigma.modifier;

import dev.skywarden.core.sigma.value.SigmaCidr;
import dev.skywarden.core.sigma.value.SigmaCompare;
import dev.skywarden.core.sigma.value.SigmaNumber;
import dev.skywarden.core.sigma.value.SigmaRegex;
import dev.skywarden.core.sigma.value.SigmaString;
import dev.skywarden.core.sigma.value.SigmaValue;
import java.math.BigDecimal;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.PatternSyntaxException;

/** Type modifiers: {@code re} with {@code i}/{@code m}/{@code s}, {@code cidr} and comparisons. */
final class TypeModifiers {

  private TypeModifiers() {}

  static void registerAll(Consumer<SigmaModifier> register) {
    register.accept(SigmaModifiers.of("re", target -> target.mapValues(v -> regex(target, v))));
    for (SigmaRegex.Flag flag : SigmaRegex.Flag.values()) {
      register.accept(
          SigmaModifiers.of(
              flag.modifierName(), target -> target.mapValues(v -> regexFlag(target, v, flag))));
    }
    register.accept(SigmaModifiers.of("cidr", target -> target.mapValues(v -> cidr(target, v))));
    for (SigmaCompare.Operator operator : SigmaCompare.Operator.values()) {
      register.accept(
          SigmaModifiers.of(
              operator.modifierName(),
              target -> target.mapValues(v -> compare(target, v, operator))));
    }
  }

  private static SigmaValue regex(ModifierTarget target, SigmaValue value) {
    String regex = originalText(target, value, "regular expression");
    try {
      return SigmaRegex.compile(regex, Set.of());
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "invalid regular expression '"
              + regex
              + "': "
              + e.getDescription()
              + " near index "
              + e.getIndex(),
          e);
    }
  }

  private static SigmaValue regexFlag(ModifierTarget target, SigmaValue value, SigmaRegex.Flag f) {
    if (!(value instanceof SigmaRegex regex)) {
      throw target.error("is a sub-modifier of 're' and must follow it");
    }
    return regex.withFlag(f);
  }

  private static SigmaValue cidr(ModifierTarget target, SigmaValue value) {
    return SigmaCidr.parse(originalText(target, value, "CIDR range"));
  }

  private static SigmaValue compare(
      ModifierTarget target, SigmaValue value, SigmaCompare.Operator operator) {
    BigDecimal number = null;
    if (value instanceof SigmaNumber numberValue) {
      number = numberValue.value();
    } else if (value instanceof SigmaString string && string.original() != null) {
      number = SigmaNumber.toDecimal(string.original());
    }
    if (number == null) {
      throw target.wrongKind(value, "number");
    }
    return new SigmaCompare(operator, number);
  }

  /** Returns the rule text of a value that no earlier modifier changed. */
  private static String originalText(ModifierTarget target, SigmaValue value, String expected) {
    if (value instanceof SigmaNumber number) {
      return number.text();
    }
    if (value instanceof SigmaString string && string.original() != null) {
      return string.original();
    }
    if (value instanceof SigmaString) {
      throw target.error("must come before modifiers that change the text");
    }
    throw target.wrongKind(value, expected);
  }
}
