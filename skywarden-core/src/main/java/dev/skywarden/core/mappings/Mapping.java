package dev.skywarden.core.mappings;

/**
 * One mapping between a capability and an ATT&CK technique.
 *
 * @param framework the framework the mapping comes from, with its versions
 * @param techniqueId the ATT&CK id, such as {@code T1059.009}
 * @param capability the mapped capability
 * @param rawMappingType the {@code mapping_type} as written in the file, such as {@code
 *     technique_scores}
 * @param type the relation folded from the raw type and score category
 * @param scoreCategory the {@code score_category} ({@code protect}, {@code detect}, {@code
 *     respond}), or {@code null} where the framework has no scores
 * @param scoreValue the {@code score_value} ({@code minimal}, {@code partial}, {@code
 *     significant}), or {@code null}
 */
public record Mapping(
    Framework framework,
    String techniqueId,
    Capability capability,
    String rawMappingType,
    MappingType type,
    String scoreCategory,
    String scoreValue) {}
