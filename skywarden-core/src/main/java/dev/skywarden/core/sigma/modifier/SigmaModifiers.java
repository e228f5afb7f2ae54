package dev.skywarden.core.sigma.modifier;

import dev.skywarden.core.sigma.RuleLocation;
import dev.skywarden.core.sigma.SigmaModifierException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The registry of value modifiers, keyed by the names of the Sigma modifiers appendix (version
 * 2.1.0). Immutable and thread-safe. Every modifier of the appendix is implemented; a name not
 * registered here rejects the rule.
 */
public final class SigmaModifiers {

  private static final Map<String, SigmaModifier> REGISTRY = build();

  private SigmaModifiers() {}

  /** Returns the modifier registered under {@code name}, matched exactly. */
  public static Optional<SigmaModifier> lookup(String name) {
    return Optional.ofNullable(REGISTRY.get(name));
  }

  /** Returns every registered name, in registration order. */
  public static Set<String> names() {
    return REGISTRY.keySet();
  }

  /**
   * Applies the named modifier to {@code target}.
   *
   * @param location where the modifier name is written, for errors
   * @throws SigmaModifierException when the name is unknown or the modifier cannot be applied
   */
  public static void apply(String name, ModifierTarget target, RuleLocation location) {
    SigmaModifier modifier =
        lookup(name)
            .orElseThrow(
                () ->
                    new SigmaModifierException(
                        location,
                        "unknown modifier '"
                            + name
                            + "'"
                            + (target.field() == null ? "" : " on field '" + target.field() + "'")
                            + "; known modifiers: "
                            + String.join(", ", REGISTRY.keySet())));
    target.setCurrentModifier(name, location);
    modifier.apply(target);
  }

  private static Map<String, SigmaModifier> build() {
    Map<String, SigmaModifier> registry = new LinkedHashMap<>();
    Consumer<SigmaModifier> register =
        modifier -> {
          SigmaModifier previous = registry.put(modifier.name(), modifier);
          if (previous != null) {
            throw new IllegalStateException("modifier registered twice: " + modifier.name());
          }
        };
    GenericModifiers.registerAll(register);
    StringModifiers.registerAll(register);
    EncodingModifiers.registerAll(register);
    TypeModifiers.registerAll(register);
    TimeModifiers.registerAll(register);
    SpecificModifiers.registerAll(register);
    return Collections.unmodifiableMap(registry);
  }

  /** Returns a modifier named {@code name} that runs {@code action}. */
  static SigmaModifier of(String name, Consumer<ModifierTarget> action) {
    return new NamedModifier(name, action);
  }

  private record NamedModifier(String name, Consumer<ModifierTarget> action)
      implements SigmaModifier {
    NamedModifier {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(action, "action");
    }

    @Override
    public void apply(ModifierTarget target) {
      action.accept(target);
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
