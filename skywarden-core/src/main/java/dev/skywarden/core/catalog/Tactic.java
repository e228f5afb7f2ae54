package dev.skywarden.core.catalog;

/**
 * An ATT&CK enterprise tactic.
 *
 * @param id the tactic id, such as {@code TA0002}
 * @param name the tactic name, such as {@code Execution}
 * @param shortname the STIX kill-chain phase name, such as {@code execution}
 */
public record Tactic(String id, String name, String shortname) {}
