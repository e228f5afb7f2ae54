package dev.skywarden.core.sigma.detection;

import dev.skywarden.core.sigma.RuleLocation;
import dev.skywarden.core.sigma.value.SigmaValue;
import java.util.List;
import java.util.Objects;

/**
 * One {@code field|modifier|...: value(s)} entry, or a keyword list when {@code field} is null.
 *
 * @param field the event field, or null for a keyword search over all values of the event
 * @param modifiers the modifier names in the order written
 * @param values the values after all modifiers were applied
 * @param valueLinking OR for a plain value list, AND after the {@code all} modifier
 * @param cased true after the {@code cased} modifier: strings compare case-sensitively
 * @param negated true after the {@code neq} modifier: the item matches when the values do not
 * @param location where the item's key starts in the rule file
 * @param timePart the timestamp part a time modifier ({@code hour} and others) compares, or null to
 *     compare the field value itself
 */
public record SigmaDetectionItem(
    String field,
    List<String> modifiers,
    List<SigmaValue> values,
    Linking valueLinking,
    boolean cased,
    boolean negated,
    RuleLocation location,
    TimePart timePart)
    implements DetectionElement {

  public SigmaDetectionItem {
    modifiers = List.copyOf(modifiers);
    values = List.copyOf(values);
    Objects.requireNonNull(valueLinking, "valueLinking");
    Objects.requireNonNull(location, "location");
  }

  /** Returns an item that compares the field value itself, with no time part. */
  public SigmaDetectionItem(
      String field,
      List<String> modifiers,
      List<SigmaValue> values,
      Linking valueLinking,
      boolean cased,
      boolean negated,
      RuleLocation location) {
    this(field, modifiers, values, valueLinking, cased, negated, location, null);
  }

  /** Returns whether this item is a keyword search rather than a field comparison. */
  public boolean isKeyword() {
    return field == null;
  }
}
