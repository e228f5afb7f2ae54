package dev.skywarden.core.sigma.value;

/** The YAML {@code null} rule value: the field is missing or is JSON {@code null}. */
public record SigmaNull() implements SigmaValue {

  /** The only instance that parsers need. */
  public static final SigmaNull INSTANCE = new SigmaNull();

  @Override
  public String kind() {
    return "null";
  }

  @Override
  public String toString() {
    return "null";
  }
}
