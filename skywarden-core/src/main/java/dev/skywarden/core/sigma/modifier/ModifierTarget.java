package dev.skywarden.core.sigma.modifier;

import dev.skywarden.core.sigma.PlaceholderSet;
import dev.skywarden.core.sigma.RuleLocation;
import dev.skywarden.core.sigma.SigmaModifierException;
import dev.skywarden.core.sigma.SigmaValueException;
import dev.skywarden.core.sigma.detection.Linking;
import dev.skywarden.core.sigma.detection.TimePart;
import dev.skywarden.core.sigma.value.SigmaExpansion;
import dev.skywarden.core.sigma.value.SigmaFieldRef;
import dev.skywarden.core.sigma.value.SigmaNumber;
import dev.skywarden.core.sigma.value.SigmaString;
import dev.skywarden.core.sigma.value.SigmaValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The detection item under construction that modifiers change in chain order: its values, how they
 * are linked, the {@code cased} and {@code neq} flags and the time part to extract. Not
 * thread-safe; one per item.
 */
public final class ModifierTarget {

  private final String field;
  private RuleLocation location;
  private List<SigmaValue> values;
  private Linking linking = Linking.OR;
  private boolean cased;
  private boolean negated;
  private TimePart timePart;
  private String currentModifier = "";
  private final PlaceholderSet placeholders;

  public ModifierTarget(String field, List<SigmaValue> values, RuleLocation location) {
    this(field, values, location, PlaceholderSet.EMPTY);
  }

  /** Starts an item whose {@code expand} modifiers take their values from {@code placeholders}. */
  public ModifierTarget(
      String field, List<SigmaValue> values, RuleLocation location, PlaceholderSet placeholders) {
    this.field = field;
    this.values = new ArrayList<>(values);
    this.location = location;
    this.placeholders = Objects.requireNonNull(placeholders, "placeholders");
  }

  /** Returns the field, or null for a keyword item. */
  public String field() {
    return field;
  }

  /** Returns where the modifier being applied is written, or the item's key before the first. */
  public RuleLocation location() {
    return location;
  }

  /** Returns the current values. */
  public List<SigmaValue> values() {
    return List.copyOf(values);
  }

  /** Returns how the values are linked. */
  public Linking linking() {
    return linking;
  }

  /** Returns whether strings compare case-sensitively. */
  public boolean cased() {
    return cased;
  }

  /** Returns whether the item is negated by {@code neq}. */
  public boolean negated() {
    return negated;
  }

  /** Returns the timestamp part a time modifier selected, or null. */
  public TimePart timePart() {
    return timePart;
  }

  /** Returns the placeholder values for {@code expand}. */
  PlaceholderSet placeholders() {
    return placeholders;
  }

  /** Returns the name of the modifier being applied. */
  String currentModifier() {
    return currentModifier;
  }

  void setTimePart(TimePart timePart) {
    this.timePart = timePart;
  }

  void setCurrentModifier(String name, RuleLocation nameLocation) {
    this.currentModifier = name;
    this.location = nameLocation;
  }

  void setLinking(Linking linking) {
    this.linking = linking;
  }

  void setCased() {
    this.cased = true;
  }

  void setNegated() {
    this.negated = true;
  }

  /**
   * Replaces every value, looking into expansions, with {@code change} applied to it.
   *
   * @throws SigmaValueException when {@code change} throws {@link IllegalArgumentException}
   */
  void mapValues(Function<SigmaValue, SigmaValue> change) {
    List<SigmaValue> changed = new ArrayList<>(values.size());
    for (SigmaValue value : values) {
      changed.add(mapValue(value, change));
    }
    values = changed;
  }

  /**
   * Replaces every string value with {@code change} applied to it. Numbers are taken as their text,
   * as the spec treats all values as strings; other kinds are rejected.
   */
  void mapStrings(Function<SigmaString, SigmaValue> change) {
    mapValues(
        value -> {
          if (value instanceof SigmaString string) {
            return change.apply(string);
          }
          if (value instanceof SigmaNumber number) {
            return change.apply(SigmaString.parse(number.text()));
          }
          throw wrongKind(value, "string");
        });
  }

  /**
   * Replaces every string value with {@code change} applied to it and every field reference with
   * {@code changeReference} applied to it, as {@code startswith} does for both.
   */
  void mapStringsAndReferences(
      Function<SigmaString, SigmaValue> change, UnaryOperator<SigmaFieldRef> changeReference) {
    mapValues(
        value -> {
          if (value instanceof SigmaFieldRef reference) {
            return changeReference.apply(reference);
          }
          if (value instanceof SigmaString string) {
            return change.apply(string);
          }
          if (value instanceof SigmaNumber number) {
            return change.apply(SigmaString.parse(number.text()));
          }
          throw wrongKind(value, "string");
        });
  }

  /** Returns an error that the current modifier does not take {@code value}. */
  SigmaModifierException wrongKind(SigmaValue value, String expected) {
    return new SigmaModifierException(
        location,
        "modifier '"
            + currentModifier
            + "' expects a "
            + expected
            + " value but "
            + describeField()
            + " has a "
            + value.kind()
            + " value '"
            + value
            + "'");
  }

  /** Returns an error about the current modifier with {@code reason}. */
  SigmaModifierException error(String reason) {
    return new SigmaModifierException(
        location, "modifier '" + currentModifier + "' on " + describeField() + ": " + reason);
  }

  String describeField() {
    return field == null ? "keyword list" : "field '" + field + "'";
  }

  private SigmaValue mapValue(SigmaValue value, Function<SigmaValue, SigmaValue> change) {
    if (value instanceof SigmaExpansion expansion) {
      List<SigmaValue> alternatives = new ArrayList<>();
      for (SigmaValue alternative : expansion.alternatives()) {
        alternatives.add(mapValue(alternative, change));
      }
      return new SigmaExpansion(alternatives);
    }
    try {
      return change.apply(value);
    } catch (IllegalArgumentException e) {
      throw new SigmaValueException(
          location,
          "modifier '" + currentModifier + "' on " + describeField() + ": " + e.getMessage(),
          e);
    }
  }
}
