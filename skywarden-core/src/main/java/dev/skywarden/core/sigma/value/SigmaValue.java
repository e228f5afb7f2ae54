package dev.skywarden.core.sigma.value;

/**
 * One value of a Sigma detection item after its modifiers were applied. Plain rule values start as
 * {@link SigmaString}, {@link SigmaNumber}, {@link SigmaBool} or {@link SigmaNull}; type modifiers
 * turn them into the other kinds, {@code fieldref} into a {@link SigmaFieldRef}, and expanding
 * modifiers such as {@code windash} into a {@link SigmaExpansion}.
 */
public sealed interface SigmaValue
    permits SigmaString,
        SigmaNumber,
        SigmaBool,
        SigmaNull,
        SigmaRegex,
        SigmaCidr,
        SigmaCompare,
        SigmaExists,
        SigmaExpansion,
        SigmaFieldRef {

  /** Returns a short name of the value kind for error messages, such as {@code "string"}. */
  String kind();
}
