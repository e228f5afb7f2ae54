package dev.skywarden.core.catalog;

/**
 * One control that a mapping file relates to a technique.
 *
 * @param framework the catalogue key of the framework: {@code nist_800_53_r5} or {@code csf_2_0}
 * @param id the control id ({@code AC-2}) or CRI Profile diagnostic statement id ({@code
 *     PR.AA-05.02})
 * @param name the short control or statement name, such as {@code Account Management}
 * @param relation the Mappings Explorer mapping type, such as {@code mitigates}
 * @param inherited {@code true} when the technique is a sub-technique without mappings of its own
 *     in this framework and the mapping is its parent's
 */
public record ControlMapping(
    String framework, String id, String name, String relation, boolean inherited) {}
