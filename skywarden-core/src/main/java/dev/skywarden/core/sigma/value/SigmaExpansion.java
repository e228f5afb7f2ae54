package dev.skywarden.core.sigma.value;

import java.util.List;

/**
 * Alternatives that one rule value expanded into, such as the three {@code base64offset} shifts or
 * the {@code windash} permutations. The value matches when any alternative matches, even when the
 * item's values are linked with {@code all}.
 */
public record SigmaExpansion(List<SigmaValue> alternatives) implements SigmaValue {

  public SigmaExpansion {
    alternatives = List.copyOf(alternatives);
  }

  @Override
  public String kind() {
    return "expansion";
  }

  @Override
  public String toString() {
    return "expansion" + alternatives;
  }
}
