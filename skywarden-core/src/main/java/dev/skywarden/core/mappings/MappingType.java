package dev.skywarden.core.mappings;

import java.util.Locale;

/**
 * How a capability relates to a technique, folded from the Mappings Explorer {@code mapping_type}
 * and {@code score_category}.
 *
 * <p>Control frameworks write the relation in {@code mapping_type} ({@code mitigates}, {@code
 * protects}, {@code related_to}). Product frameworks write {@code technique_scores} there and the
 * relation in {@code score_category} ({@code protect}, {@code detect}, {@code respond}).
 */
public enum MappingType {
  MITIGATES("mitigates"),
  PROTECTS("protects"),
  DETECTS("detects"),
  RESPONDS("responds"),
  RELATED_TO("related-to");

  private final String label;

  MappingType(String label) {
    this.label = label;
  }

  /** Returns the label shown to users, such as {@code related-to}. */
  public String label() {
    return label;
  }

  /**
   * Folds a raw mapping type and score category into a mapping type.
   *
   * @param rawType the {@code mapping_type}, such as {@code mitigates} or {@code technique_scores}
   * @param scoreCategory the {@code score_category} or {@code null}
   * @return the mapping type; {@link #RELATED_TO} for a type this enum does not name
   */
  public static MappingType of(String rawType, String scoreCategory) {
    String type = rawType == null ? "" : rawType.trim().toLowerCase(Locale.ROOT);
    if (type.startsWith("technique_score") && scoreCategory != null) {
      type = scoreCategory.trim().toLowerCase(Locale.ROOT);
    }
    return switch (type) {
      case "mitigates" -> MITIGATES;
      case "protects", "protect" -> PROTECTS;
      case "detects", "detect" -> DETECTS;
      case "responds", "respond" -> RESPONDS;
      default -> RELATED_TO;
    };
  }
}
