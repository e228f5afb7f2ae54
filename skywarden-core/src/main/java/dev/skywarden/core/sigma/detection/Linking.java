package dev.skywarden.core.sigma.detection;

/** How the parts of a detection or the values of a detection item combine. */
public enum Linking {
  /** All parts must match: the items of a map, or values with the {@code all} modifier. */
  AND,
  /** One part must match: the maps of a list, or the values of a value list. */
  OR
}
