package dev.skywarden.core.sigma.value;

/** A YAML boolean rule value; it matches a JSON boolean or the text {@code true}/{@code false}. */
public record SigmaBool(boolean value) implements SigmaValue {

  @Override
  public String kind() {
    return "boolean";
  }

  @Override
  public String toString() {
    return Boolean.toString(value);
  }
}
