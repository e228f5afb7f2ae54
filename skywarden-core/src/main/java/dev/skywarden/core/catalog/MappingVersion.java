package dev.skywarden.core.catalog;

/**
 * The version of one Mappings Explorer file the catalogue took controls from.
 *
 * @param key the catalogue key of the framework: {@code nist_800_53_r5} or {@code csf_2_0}
 * @param framework the Mappings Explorer framework name, such as {@code nist_800_53} or {@code
 *     cri_profile}
 * @param frameworkVersion the framework version, such as {@code rev5} or {@code v2.1}
 * @param attackVersion the ATT&CK version the mappings were made against, such as {@code 16.1}
 * @param lastUpdate the file's last update date as written there ({@code MM/DD/YYYY}), or {@code
 *     null}
 * @param file the name of the mapping file
 */
public record MappingVersion(
    String key,
    String framework,
    String frameworkVersion,
    String attackVersion,
    String lastUpdate,
    String file) {}
