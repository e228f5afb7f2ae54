package dev.skywarden.core.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.sigma.match.EventFields;
import dev.skywarden.core.sigma.match.MatchExplanation;
import dev.skywarden.core.sigma.match.RuleMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A Sigma rule ready to evaluate events: its condition compiled with the field mapping of its log
 * source, and the filters that apply to it. Immutable and thread-safe.
 *
 * <p>The rule matches an event when its condition does and none of its filters' conditions does.
 * {@code toString()} gives the title, the condition text and the filters.
 */
public final class CompiledRule {

  private final SigmaRule rule;
  private final RuleMatcher matcher;
  private final List<SigmaFilter> filters;
  private final List<RuleMatcher> filterMatchers;

  private CompiledRule(
      SigmaRule rule,
      RuleMatcher matcher,
      List<SigmaFilter> filters,
      List<RuleMatcher> filterMatchers) {
    this.rule = rule;
    this.matcher = matcher;
    this.filters = List.copyOf(filters);
    this.filterMatchers = List.copyOf(filterMatchers);
  }

  /**
   * Compiles a parsed rule with the built-in field mappings and no filter; a rule from {@link
   * SigmaRuleParser} always compiles.
   */
  public static CompiledRule compile(SigmaRule rule) {
    return compile(rule, SigmaConfig.defaults(), List.of());
  }

  /**
   * Compiles a parsed rule with the field mappings of {@code config} for its log source, and the
   * given filters that {@linkplain SigmaFilter#appliesTo apply} to it (others are ignored).
   */
  public static CompiledRule compile(
      SigmaRule rule, SigmaConfig config, Collection<SigmaFilter> filters) {
    Objects.requireNonNull(rule, "rule");
    Function<String, List<String>> fieldPaths =
        config.fieldMappings().resolverFor(rule.logSource());
    List<SigmaFilter> applied = new ArrayList<>();
    List<RuleMatcher> filterMatchers = new ArrayList<>();
    for (SigmaFilter filter : filters) {
      if (filter.appliesTo(rule)) {
        applied.add(filter);
        filterMatchers.add(RuleMatcher.compile(filter.detection(), fieldPaths));
      }
    }
    return new CompiledRule(
        rule, RuleMatcher.compile(rule.detection(), fieldPaths), applied, filterMatchers);
  }

  /** Returns the parsed rule. */
  public SigmaRule rule() {
    return rule;
  }

  /** Returns the filters that apply to this rule, in the order given. */
  public List<SigmaFilter> filters() {
    return filters;
  }

  /** Returns whether the event's log source is in the rule's scope. */
  public boolean appliesTo(SigmaEvent event) {
    return rule.logSource().appliesTo(event.product(), event.service(), event.category());
  }

  /** Returns whether the event is in scope, satisfies the rule's condition and no filter's. */
  public boolean matches(SigmaEvent event) {
    return appliesTo(event) && matchesDocument(event.document());
  }

  /**
   * Returns whether the document satisfies the condition and no filter, ignoring the log source.
   */
  public boolean matchesDocument(JsonNode document) {
    return matchesDocument(new EventFields(document));
  }

  /**
   * Returns whether the event of {@code fields} satisfies the condition and no filter, ignoring the
   * log source. Fields are resolved through the cache of {@code fields}, which the caller may share
   * between the rules it evaluates against the same event.
   */
  public boolean matchesDocument(EventFields fields) {
    return matcher.matches(fields) && !filtered(fields);
  }

  /**
   * Returns which search identifiers matched and on which values, or empty when the event does not
   * match.
   */
  public Optional<MatchExplanation> explain(SigmaEvent event) {
    return explain(event, new EventFields(event.document()));
  }

  /**
   * Returns the explanation as {@link #explain(SigmaEvent)} does, resolving fields through {@code
   * fields}, which must have been built from the document of {@code event}.
   */
  public Optional<MatchExplanation> explain(SigmaEvent event, EventFields fields) {
    if (!appliesTo(event) || filtered(fields)) {
      return Optional.empty();
    }
    return matcher.explain(fields);
  }

  /**
   * Returns the explanation of a match that {@link SigmaRuleSet#forEachMatch} reported for the
   * event of {@code fields}: its log source was checked and no filter matched, so only the
   * condition is traced. For other events use {@link #explain(SigmaEvent, EventFields)}.
   */
  public Optional<MatchExplanation> explainMatch(EventFields fields) {
    return matcher.explain(fields);
  }

  private boolean filtered(EventFields fields) {
    for (RuleMatcher filter : filterMatchers) {
      if (filter.matches(fields)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(rule.title()).append(": ").append(matcher);
    for (int i = 0; i < filters.size(); i++) {
      text.append(" | not filter '")
          .append(filters.get(i).title())
          .append("': ")
          .append(filterMatchers.get(i));
    }
    return text.toString();
  }
}
