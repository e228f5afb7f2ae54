package dev.skywarden.core.sigma.modifier;

/**
 * A Sigma value modifier, such as {@code contains} or {@code base64offset}. Implementations are
 * stateless and thread-safe; {@link SigmaModifiers} holds one instance per spec name.
 */
public interface SigmaModifier {

  /** Returns the name used in rules, such as {@code startswith}. */
  String name();

  /**
   * Applies the modifier to the item being built.
   *
   * @throws dev.skywarden.core.sigma.SigmaModifierException when the modifier does not take the
   *     item's current values or position in the chain
   * @throws dev.skywarden.core.sigma.SigmaValueException when a value is invalid for the modifier,
   *     such as a bad regular expression
   */
  void apply(ModifierTarget target);
}
