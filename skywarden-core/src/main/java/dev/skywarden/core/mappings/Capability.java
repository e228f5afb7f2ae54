package dev.skywarden.core.mappings;

/**
 * A control, product feature or category of one framework.
 *
 * @param id the capability id as the catalogue writes it: NIST's form for NIST SP 800-53 ({@code
 *     AC-6}, not {@code AC-06}), else as in the mapping file ({@code PR.AA-05.02}, {@code
 *     amazon_guardduty})
 * @param name the short name, such as {@code Least Privilege}
 * @param group the capability group id, such as {@code AC} or {@code amazon_guardduty}; may be
 *     empty
 */
public record Capability(String id, String name, String group) {}
