package dev.skywarden.core.sigma.modifier;

import dev.skywarden.core.sigma.detection.Linking;
import dev.skywarden.core.sigma.value.SigmaBool;
import dev.skywarden.core.sigma.value.SigmaExists;
import java.util.function.Consumer;

/**
 * The generic modifiers: {@code all}, {@code startswith}, {@code endswith}, {@code contains}, etc.
 */
final class GenericModifiers {

  private GenericModifiers() {}

  static void registerAll(Consumer<SigmaModifier> register) {
    register.accept(SigmaModifiers.of("all", GenericModifiers::all));
    register.accept(
        SigmaModifiers.of(
            "startswith",
            target -> target.mapStringsAndReferences(s -> s.appendAny(), r -> r.withAnyAfter())));
    register.accept(
        SigmaModifiers.of(
            "endswith",
            target -> target.mapStringsAndReferences(s -> s.prependAny(), r -> r.withAnyBefore())));
    register.accept(
        SigmaModifiers.of(
            "contains",
            target ->
                target.mapStringsAndReferences(
                    s -> s.prependAny().appendAny(), r -> r.withAnyBefore().withAnyAfter())));
    register.accept(SigmaModifiers.of("exists", GenericModifiers::exists));
    register.accept(SigmaModifiers.of("cased", ModifierTarget::setCased));
    register.accept(SigmaModifiers.of("neq", ModifierTarget::setNegated));
  }

  /** Links the values with AND; the spec forbids it on a single value. */
  private static void all(ModifierTarget target) {
    if (target.values().size() < 2) {
      throw target.error("needs a list of two or more values; use a separate selection instead");
    }
    target.setLinking(Linking.AND);
  }

  private static void exists(ModifierTarget target) {
    if (target.field() == null) {
      throw target.error("needs a field name");
    }
    if (target.values().size() != 1) {
      throw target.error("takes exactly one value, true or false");
    }
    target.mapValues(
        value -> {
          if (!(value instanceof SigmaBool bool)) {
            throw target.wrongKind(value, "boolean");
          }
          return new SigmaExists(bool.value());
        });
  }
}
