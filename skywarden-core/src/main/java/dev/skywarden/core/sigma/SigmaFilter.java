package dev.skywarden.core.sigma;

import dev.skywarden.core.sigma.detection.SigmaDetections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One Sigma filter (a meta filter of the Sigma filters specification 2.1.0): search identifiers and
 * a condition that, where they match an event, stop the rules the filter applies to from firing on
 * it. Immutable.
 *
 * <p>A filter applies to a rule when the rule's log source is within the filter's (every attribute
 * the filter sets equals the rule's, ignoring case) and the filter names the rule by {@code id} or
 * {@code name}, or names no rule but {@code any} (a Skywarden extension).
 *
 * @param id the filter's id, or null
 * @param title the title, never blank
 * @param description the description, or null
 * @param logSource the log source of the rules it may apply to
 * @param rules the rule ids and names it names; empty when {@code anyRule}
 * @param anyRule true for {@code rules: any}: every rule of the log source
 * @param detection the search identifiers and condition of the {@code filter} section
 * @param location where the filter's document starts
 */
public record SigmaFilter(
    String id,
    String title,
    String description,
    LogSource logSource,
    List<RuleReference> rules,
    boolean anyRule,
    SigmaDetections detection,
    RuleLocation location) {

  /**
   * One entry of a filter's {@code rules} list.
   *
   * @param idOrName a rule id or rule name
   * @param location where the entry is written
   */
  public record RuleReference(String idOrName, RuleLocation location) {
    public RuleReference {
      Objects.requireNonNull(idOrName, "idOrName");
      Objects.requireNonNull(location, "location");
    }

    /** Returns whether this entry names {@code rule} by id or name. */
    public boolean names(SigmaRule rule) {
      return idOrName.equals(rule.id()) || idOrName.equals(rule.name());
    }
  }

  public SigmaFilter {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(logSource, "logSource");
    rules = List.copyOf(rules);
    Objects.requireNonNull(detection, "detection");
    Objects.requireNonNull(location, "location");
  }

  /** Returns whether the filter's log source contains {@code ruleLogSource}. */
  public boolean covers(LogSource ruleLogSource) {
    return covers(logSource.product(), ruleLogSource.product())
        && covers(logSource.service(), ruleLogSource.service())
        && covers(logSource.category(), ruleLogSource.category());
  }

  /** Returns whether this filter applies to {@code rule}. */
  public boolean appliesTo(SigmaRule rule) {
    if (!covers(rule.logSource())) {
      return false;
    }
    return anyRule || rules.stream().anyMatch(reference -> reference.names(rule));
  }

  private static boolean covers(String filterValue, String ruleValue) {
    return filterValue == null
        || (ruleValue != null
            && filterValue.toLowerCase(Locale.ROOT).equals(ruleValue.toLowerCase(Locale.ROOT)));
  }

  @Override
  public String toString() {
    return "SigmaFilter[" + (id == null ? "" : id + " ") + title + " @ " + location + "]";
  }
}
