package dev.skywarden.core.sigma.value;

/**
 * Result of the {@code exists} modifier: the field must be present (with any value, null included)
 * when {@code expected} is true, and absent otherwise.
 */
public record SigmaExists(boolean expected) implements SigmaValue {

  @Override
  public String kind() {
    return "field existence check";
  }

  @Override
  public String toString() {
    return "exists=" + expected;
  }
}
