package dev.skywarden.core.sigma;

import java.util.Objects;

/**
 * Settings of the Sigma engine besides the rules: placeholder values for the {@code expand}
 * modifier (used by {@link SigmaRuleParser}) and field mappings (used when rules are compiled).
 * Immutable.
 *
 * @param placeholders the placeholder values; a rule that expands an undefined placeholder is
 *     rejected
 * @param fieldMappings the field mappings per log source
 */
public record SigmaConfig(PlaceholderSet placeholders, FieldMappings fieldMappings) {

  public SigmaConfig {
    Objects.requireNonNull(placeholders, "placeholders");
    Objects.requireNonNull(fieldMappings, "fieldMappings");
  }

  /** Returns the default: no placeholders and the built-in field mappings. */
  public static SigmaConfig defaults() {
    return new SigmaConfig(PlaceholderSet.EMPTY, FieldMappings.builtin());
  }

  /** Returns this configuration with {@code placeholders} instead. */
  public SigmaConfig withPlaceholders(PlaceholderSet placeholders) {
    return new SigmaConfig(placeholders, fieldMappings);
  }

  /** Returns this configuration with {@code fieldMappings} instead. */
  public SigmaConfig withFieldMappings(FieldMappings fieldMappings) {
    return new SigmaConfig(placeholders, fieldMappings);
  }
}
