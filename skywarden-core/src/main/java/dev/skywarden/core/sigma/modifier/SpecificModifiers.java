package dev.skywarden.core.sigma.modifier;

import dev.skywarden.core.sigma.SigmaPlaceholderException;
import dev.skywarden.core.sigma.value.SigmaExpansion;
import dev.skywarden.core.sigma.value.SigmaFieldRef;
import dev.skywarden.core.sigma.value.SigmaString;
import dev.skywarden.core.sigma.value.SigmaValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The specific modifiers: {@code expand} (placeholders) and {@code fieldref}. */
final class SpecificModifiers {

  /**
   * The maximum number of alternatives one value may expand into, so a rule cannot exhaust memory.
   */
  static final int MAX_EXPANSIONS = 4096;

  private SpecificModifiers() {}

  static void registerAll(Consumer<SigmaModifier> register) {
    register.accept(
        SigmaModifiers.of("expand", target -> target.mapValues(v -> expand(target, v))));
    register.accept(SigmaModifiers.of("fieldref", SpecificModifiers::fieldref));
  }

  /**
   * Replaces each {@code %name%} in the literal text of a string with the placeholder's values; a
   * backslash before {@code %} makes it a plain percent sign. A value with several placeholders
   * expands into every combination.
   *
   * @throws SigmaPlaceholderException when a placeholder is not defined
   */
  private static SigmaValue expand(ModifierTarget target, SigmaValue value) {
    if (!(value instanceof SigmaString string)) {
      return value;
    }
    List<List<SigmaString.Part>> alternatives = new ArrayList<>();
    alternatives.add(new ArrayList<>());
    boolean placeholderFound = false;
    for (SigmaString.Part part : string.parts()) {
      if (!(part instanceof SigmaString.Literal literal)) {
        append(alternatives, List.of(part));
        continue;
      }
      String text = literal.text();
      StringBuilder plain = new StringBuilder();
      int i = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        int close = c == '%' ? text.indexOf('%', i + 1) : -1;
        if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '%') {
          plain.append('%');
          i += 2;
        } else if (close > i + 1) {
          append(alternatives, List.of(new SigmaString.Literal(plain.toString())));
          plain.setLength(0);
          String name = text.substring(i + 1, close);
          alternatives = combine(target, alternatives, placeholderValues(target, name));
          placeholderFound = true;
          i = close + 1;
        } else {
          plain.append(c);
          i++;
        }
      }
      append(alternatives, List.of(new SigmaString.Literal(plain.toString())));
    }
    if (!placeholderFound) {
      SigmaString unescaped = new SigmaString(alternatives.get(0), null, string.binary());
      return unescaped.parts().equals(string.parts()) ? string : unescaped;
    }
    List<SigmaValue> values = new ArrayList<>(alternatives.size());
    for (List<SigmaString.Part> parts : alternatives) {
      values.add(new SigmaString(parts, null, string.binary()));
    }
    return values.size() == 1 ? values.get(0) : new SigmaExpansion(values);
  }

  private static List<List<SigmaString.Part>> placeholderValues(
      ModifierTarget target, String name) {
    Optional<List<String>> values = target.placeholders().values(name);
    if (values.isEmpty()) {
      throw new SigmaPlaceholderException(
          target.location(),
          "placeholder '%"
              + name
              + "%' on "
              + target.describeField()
              + " is not defined; give its values in a placeholder file"
              + (target.placeholders().names().isEmpty()
                  ? " (none was given)"
                  : " (defined: " + String.join(", ", target.placeholders().names()) + ")"));
    }
    List<List<SigmaString.Part>> parts = new ArrayList<>();
    for (String text : values.get()) {
      parts.add(SigmaString.parse(text).parts());
    }
    return parts;
  }

  private static void append(
      List<List<SigmaString.Part>> alternatives, List<SigmaString.Part> parts) {
    for (List<SigmaString.Part> alternative : alternatives) {
      alternative.addAll(parts);
    }
  }

  private static List<List<SigmaString.Part>> combine(
      ModifierTarget target,
      List<List<SigmaString.Part>> prefixes,
      List<List<SigmaString.Part>> suffixes) {
    long count = (long) prefixes.size() * suffixes.size();
    if (count > MAX_EXPANSIONS) {
      throw target.error(
          "expands into "
              + count
              + " values, more than the "
              + MAX_EXPANSIONS
              + " allowed; use fewer placeholder values");
    }
    List<List<SigmaString.Part>> combined = new ArrayList<>((int) count);
    for (List<SigmaString.Part> prefix : prefixes) {
      for (List<SigmaString.Part> suffix : suffixes) {
        List<SigmaString.Part> parts = new ArrayList<>(prefix);
        parts.addAll(suffix);
        combined.add(parts);
      }
    }
    return combined;
  }

  /** Turns each plain string value into a reference to the field it names. */
  private static void fieldref(ModifierTarget target) {
    if (target.field() == null) {
      throw target.error("needs a field name");
    }
    target.mapValues(
        value -> {
          if (!(value instanceof SigmaString string)) {
            throw target.wrongKind(value, "field name");
          }
          if (string.original() == null || string.hasWildcards()) {
            throw target.error(
                "takes a plain field name; write startswith, endswith or contains after"
                    + " fieldref, not before it or as wildcards");
          }
          String name = string.original().strip();
          if (name.isEmpty()) {
            throw target.error("has an empty field name");
          }
          return new SigmaFieldRef(name, false, false);
        });
  }
}
