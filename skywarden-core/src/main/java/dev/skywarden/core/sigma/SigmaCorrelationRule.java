package dev.skywarden.core.sigma;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One parsed Sigma correlation rule (a meta-rule over other rules), before its references are
 * resolved. Immutable.
 *
 * @param id the rule's UUID, or null
 * @param name the unique name other correlations refer to, or null
 * @param title the title, never blank
 * @param status the maturity, such as {@code test}, or null
 * @param description the description, or null
 * @param author the author, or null
 * @param date the creation date, or null
 * @param modified the last change date, or null
 * @param references the references, in rule order
 * @param tags the tags as written, such as {@code attack.t1580}
 * @param falsePositives the known false positives
 * @param level the level, or null when the rule has none
 * @param generate whether the referenced rules also report their own matches ({@code generate},
 *     false when absent)
 * @param type the correlation type
 * @param rules the referenced rule ids or names, in rule order, at least one
 * @param groupBy the {@code group-by} fields or aliases, in rule order; empty for one global group
 * @param timespan the {@code timespan}
 * @param aliases the field name aliases by alias name, in rule order
 * @param condition the condition; for temporal types without one, {@code gte} the number of rules
 * @param location the file and the line where the correlation's document starts
 */
public record SigmaCorrelationRule(
    String id,
    String name,
    String title,
    String status,
    String description,
    String author,
    LocalDate date,
    LocalDate modified,
    List<String> references,
    List<String> tags,
    List<String> falsePositives,
    SigmaLevel level,
    boolean generate,
    CorrelationType type,
    List<RuleReference> rules,
    List<String> groupBy,
    Timespan timespan,
    Map<String, FieldAlias> aliases,
    CorrelationCondition condition,
    RuleLocation location) {

  public SigmaCorrelationRule {
    Objects.requireNonNull(title, "title");
    references = List.copyOf(references);
    tags = List.copyOf(tags);
    falsePositives = List.copyOf(falsePositives);
    Objects.requireNonNull(type, "type");
    rules = List.copyOf(rules);
    groupBy = List.copyOf(groupBy);
    Objects.requireNonNull(timespan, "timespan");
    aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(location, "location");
  }

  /**
   * A reference to a rule or correlation by its id or name, as written in {@code rules}.
   *
   * @param reference the id or name
   * @param location where the reference is written
   */
  public record RuleReference(String reference, RuleLocation location) {
    public RuleReference {
      Objects.requireNonNull(reference, "reference");
      Objects.requireNonNull(location, "location");
    }
  }

  /**
   * A {@code timespan} such as {@code 5m}.
   *
   * @param text the text as written
   * @param duration the length, positive
   */
  public record Timespan(String text, Duration duration) {
    public Timespan {
      Objects.requireNonNull(text, "text");
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("timespan must be positive, was " + duration);
      }
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * One entry of {@code aliases}: the field that stands for the alias in the events of each rule.
   *
   * @param alias the alias name used in {@code group-by}
   * @param fieldByRule the field name by referenced rule name, in rule order
   * @param location where the alias is defined
   */
  public record FieldAlias(String alias, Map<String, String> fieldByRule, RuleLocation location) {
    public FieldAlias {
      Objects.requireNonNull(alias, "alias");
      fieldByRule = Collections.unmodifiableMap(new LinkedHashMap<>(fieldByRule));
      Objects.requireNonNull(location, "location");
    }
  }

  /** Returns the level, if the correlation sets one. */
  public Optional<SigmaLevel> optionalLevel() {
    return Optional.ofNullable(level);
  }

  /** Returns the id, else the name, else the title: the key findings of this correlation use. */
  public String key() {
    if (id != null) {
      return id;
    }
    return name != null ? name : title;
  }

  @Override
  public String toString() {
    return "SigmaCorrelationRule[" + type + " " + key() + " @ " + location + "]";
  }
}
