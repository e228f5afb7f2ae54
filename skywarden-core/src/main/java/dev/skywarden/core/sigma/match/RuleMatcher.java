package dev.skywarden.core.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.sigma.condition.ConditionNode;
import dev.skywarden.core.sigma.condition.SigmaCondition;
import dev.skywarden.core.sigma.detection.DetectionElement;
import dev.skywarden.core.sigma.detection.Linking;
import dev.skywarden.core.sigma.detection.SigmaDetection;
import dev.skywarden.core.sigma.detection.SigmaDetectionItem;
import dev.skywarden.core.sigma.detection.SigmaDetections;
import dev.skywarden.core.sigma.value.SigmaBool;
import dev.skywarden.core.sigma.value.SigmaCidr;
import dev.skywarden.core.sigma.value.SigmaCompare;
import dev.skywarden.core.sigma.value.SigmaExists;
import dev.skywarden.core.sigma.value.SigmaExpansion;
import dev.skywarden.core.sigma.value.SigmaFieldRef;
import dev.skywarden.core.sigma.value.SigmaNull;
import dev.skywarden.core.sigma.value.SigmaNumber;
import dev.skywarden.core.sigma.value.SigmaRegex;
import dev.skywarden.core.sigma.value.SigmaString;
import dev.skywarden.core.sigma.value.SigmaValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The compiled detection of one rule: evaluates its conditions against a JSON event. Immutable and
 * thread-safe; each call keeps its state on the stack.
 *
 * <p>Keyword items match when any scalar of the event contains the keyword (a keyword string is
 * wrapped in {@code *} wildcards unless it has them already). Several conditions are linked with
 * OR.
 */
public final class RuleMatcher {

  private final EventPredicate predicate;
  private final String conditionText;

  private RuleMatcher(EventPredicate predicate, String conditionText) {
    this.predicate = predicate;
    this.conditionText = conditionText;
  }

  /**
   * Compiles a parsed detection section. The parser has already checked identifiers and values, so
   * compilation does not fail on a parsed rule.
   */
  public static RuleMatcher compile(SigmaDetections detections) {
    return compile(detections, List::of);
  }

  /**
   * Compiles a parsed detection section, looking each rule field up at the event paths that {@code
   * fieldPaths} gives for it (the first present wins).
   *
   * @param fieldPaths the candidate event paths of a rule field name, from a field mapping; never
   *     empty
   */
  public static RuleMatcher compile(
      SigmaDetections detections, Function<String, List<String>> fieldPaths) {
    Map<String, EventPredicate> selections = new LinkedHashMap<>();
    for (Map.Entry<String, SigmaDetection> entry : detections.searchIdentifiers().entrySet()) {
      selections.put(
          entry.getKey(),
          new EventPredicate.Selection(
              entry.getKey(), compileDetection(entry.getValue(), fieldPaths)));
    }
    List<EventPredicate> conditions = new ArrayList<>();
    for (SigmaCondition condition : detections.conditions()) {
      conditions.add(compileCondition(condition.expression(), selections));
    }
    String text =
        detections.conditions().stream()
            .map(SigmaCondition::text)
            .collect(Collectors.joining(" | "));
    return new RuleMatcher(combine(conditions, false), text);
  }

  /** Returns whether {@code document} satisfies the rule's condition. */
  public boolean matches(JsonNode document) {
    return matches(new EventFields(document));
  }

  /**
   * Returns whether the event of {@code fields} satisfies the rule's condition, resolving fields
   * through its cache.
   */
  public boolean matches(EventFields fields) {
    return predicate.test(fields.matchingContext());
  }

  /** Returns why {@code document} matches, or empty when it does not. */
  public Optional<MatchExplanation> explain(JsonNode document) {
    return explain(new EventFields(document));
  }

  /** Returns why the event of {@code fields} matches, or empty when it does not. */
  public Optional<MatchExplanation> explain(EventFields fields) {
    EventContext context = new EventContext(fields, true);
    return predicate.test(context) ? Optional.of(context.explanation()) : Optional.empty();
  }

  /** Returns the condition text, several conditions joined with {@code |}. */
  @Override
  public String toString() {
    return conditionText;
  }

  private static EventPredicate compileCondition(
      ConditionNode node, Map<String, EventPredicate> selections) {
    if (node instanceof ConditionNode.Identifier identifier) {
      return selections.get(identifier.name());
    }
    if (node instanceof ConditionNode.Not not) {
      return new EventPredicate.Negation(compileCondition(not.operand(), selections));
    }
    if (node instanceof ConditionNode.And and) {
      return combine(compileAll(and.operands(), selections), true);
    }
    if (node instanceof ConditionNode.Or or) {
      return combine(compileAll(or.operands(), selections), false);
    }
    ConditionNode.Quantified quantified = (ConditionNode.Quantified) node;
    List<EventPredicate> selected = new ArrayList<>();
    for (String name : quantified.select(selections.keySet())) {
      selected.add(selections.get(name));
    }
    return combine(selected, quantified.quantifier() == ConditionNode.Quantifier.ALL);
  }

  private static List<EventPredicate> compileAll(
      List<ConditionNode> nodes, Map<String, EventPredicate> selections) {
    List<EventPredicate> compiled = new ArrayList<>();
    for (ConditionNode node : nodes) {
      compiled.add(compileCondition(node, selections));
    }
    return compiled;
  }

  private static EventPredicate combine(List<EventPredicate> operands, boolean and) {
    return operands.size() == 1 ? operands.get(0) : new EventPredicate.Junction(operands, and);
  }

  private static EventPredicate compileDetection(
      SigmaDetection detection, Function<String, List<String>> fieldPaths) {
    List<EventPredicate> operands = new ArrayList<>();
    for (DetectionElement element : detection.elements()) {
      if (element instanceof SigmaDetection nested) {
        operands.add(compileDetection(nested, fieldPaths));
      } else {
        operands.add(compileItem((SigmaDetectionItem) element, fieldPaths));
      }
    }
    return combine(operands, detection.linking() == Linking.AND);
  }

  private static EventPredicate compileItem(
      SigmaDetectionItem item, Function<String, List<String>> fieldPaths) {
    List<ValueMatcher> matchers = new ArrayList<>();
    for (SigmaValue value : item.values()) {
      matchers.add(compileValue(value, item.cased(), item.isKeyword(), fieldPaths));
    }
    FieldPath path = item.isKeyword() ? null : path(item.field(), fieldPaths);
    String rendered =
        (item.isKeyword() ? "" : item.field())
            + item.modifiers().stream().map(m -> "|" + m).collect(Collectors.joining())
            + "="
            + item.values();
    return new EventPredicate.Item(
        item.field(),
        path,
        matchers,
        item.valueLinking(),
        item.negated(),
        item.timePart(),
        rendered);
  }

  private static FieldPath path(String field, Function<String, List<String>> fieldPaths) {
    List<String> paths = fieldPaths.apply(field);
    return paths.isEmpty() ? FieldPath.of(field) : FieldPath.firstPresent(field, paths);
  }

  private static ValueMatcher compileValue(
      SigmaValue value, boolean cased, boolean keyword, Function<String, List<String>> fieldPaths) {
    if (value instanceof SigmaString string) {
      return new StringMatcher(keyword ? string.prependAny().appendAny() : string, cased);
    }
    if (value instanceof SigmaNumber number) {
      return keyword
          ? new StringMatcher(SigmaString.literal(number.text()).prependAny().appendAny(), cased)
          : new ScalarMatchers.NumberMatcher(number);
    }
    if (value instanceof SigmaBool bool) {
      return new ScalarMatchers.BoolMatcher(bool.value());
    }
    if (value instanceof SigmaNull) {
      return new PresenceMatchers.NullMatcher();
    }
    if (value instanceof SigmaExists exists) {
      return new PresenceMatchers.ExistsMatcher(exists.expected());
    }
    if (value instanceof SigmaRegex regex) {
      return ScalarMatchers.RegexMatcher.of(regex);
    }
    if (value instanceof SigmaCidr cidr) {
      return new ScalarMatchers.CidrMatcher(cidr);
    }
    if (value instanceof SigmaCompare compare) {
      return new ScalarMatchers.CompareMatcher(compare);
    }
    if (value instanceof SigmaFieldRef reference) {
      return new FieldRefMatcher(reference, path(reference.field(), fieldPaths), cased);
    }
    List<ValueMatcher> alternatives = new ArrayList<>();
    for (SigmaValue alternative : ((SigmaExpansion) value).alternatives()) {
      alternatives.add(compileValue(alternative, cased, keyword, fieldPaths));
    }
    return new ScalarMatchers.AnyOfMatcher(alternatives);
  }
}
