package dev.skywarden.core.sigma;

import dev.skywarden.core.sigma.condition.ConditionNode;
import dev.skywarden.core.sigma.condition.SigmaCondition;
import dev.skywarden.core.sigma.detection.DetectionElement;
import dev.skywarden.core.sigma.detection.Linking;
import dev.skywarden.core.sigma.detection.SigmaDetection;
import dev.skywarden.core.sigma.detection.SigmaDetectionItem;
import dev.skywarden.core.sigma.detection.SigmaDetections;
import dev.skywarden.core.sigma.match.CaseFolding;
import dev.skywarden.core.sigma.value.SigmaExpansion;
import dev.skywarden.core.sigma.value.SigmaString;
import dev.skywarden.core.sigma.value.SigmaValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the finite set of literal values a field must have for a rule to match, so a rule set can
 * skip rules whose required {@code eventName} (or similar) the event does not have.
 *
 * <p>The analysis is conservative: it returns a set only when every way to satisfy the condition
 * requires the field to equal, after case folding, one of the set's values. Negations, wildcards,
 * numbers, {@code cased} and {@code neq} items give no set.
 *
 * <p>NOTE: booleans give no set either, so a rule that pairs {@code readOnly: false} with substring
 * tests stays unindexed and runs for every event in its log source.
 */
final class DiscriminatorAnalysis {

  private final SigmaDetections detections;
  private final String field;
  private final Function<String, List<String>> fieldPaths;

  private DiscriminatorAnalysis(
      SigmaDetections detections, String field, Function<String, List<String>> fieldPaths) {
    this.detections = detections;
    this.field = field;
    this.fieldPaths = fieldPaths;
  }

  /** Returns the folded values {@code field} must take, or empty when the rule does not tell. */
  static Optional<Set<String>> requiredValues(SigmaDetections detections, String field) {
    return requiredValues(detections, field, List::of);
  }

  /**
   * Returns the folded values the event path {@code field} must take, where rule fields are looked
   * up at the paths {@code fieldPaths} gives; a rule field mapped to several candidate paths is
   * never taken to be {@code field}.
   */
  static Optional<Set<String>> requiredValues(
      SigmaDetections detections, String field, Function<String, List<String>> fieldPaths) {
    DiscriminatorAnalysis analysis = new DiscriminatorAnalysis(detections, field, fieldPaths);
    List<Optional<Set<String>>> perCondition = new ArrayList<>();
    for (SigmaCondition condition : detections.conditions()) {
      perCondition.add(analysis.ofCondition(condition.expression()));
    }
    return union(perCondition);
  }

  private Optional<Set<String>> ofCondition(ConditionNode node) {
    if (node instanceof ConditionNode.Identifier identifier) {
      return ofDetection(detections.searchIdentifiers().get(identifier.name()));
    }
    if (node instanceof ConditionNode.And and) {
      return smallest(and.operands().stream().map(this::ofCondition).toList());
    }
    if (node instanceof ConditionNode.Or or) {
      return union(or.operands().stream().map(this::ofCondition).toList());
    }
    if (node instanceof ConditionNode.Quantified quantified) {
      List<Optional<Set<String>>> selected = new ArrayList<>();
      for (String name : quantified.select(detections.searchIdentifiers().keySet())) {
        selected.add(ofDetection(detections.searchIdentifiers().get(name)));
      }
      return quantified.quantifier() == ConditionNode.Quantifier.ALL
          ? smallest(selected)
          : union(selected);
    }
    return Optional.empty(); // a negation constrains nothing
  }

  private Optional<Set<String>> ofDetection(SigmaDetection detection) {
    List<Optional<Set<String>>> parts = new ArrayList<>();
    for (DetectionElement element : detection.elements()) {
      parts.add(
          element instanceof SigmaDetection nested
              ? ofDetection(nested)
              : ofItem((SigmaDetectionItem) element));
    }
    return detection.linking() == Linking.AND ? smallest(parts) : union(parts);
  }

  private Optional<Set<String>> ofItem(SigmaDetectionItem item) {
    if (item.isKeyword()
        || !isField(item.field())
        || item.timePart() != null
        || item.negated()
        || item.cased()
        || (item.valueLinking() == Linking.AND && item.values().size() > 1)) {
      return Optional.empty();
    }
    Set<String> values = new HashSet<>();
    for (SigmaValue value : item.values()) {
      if (!addLiterals(value, values)) {
        return Optional.empty();
      }
    }
    return Optional.of(values);
  }

  /**
   * Returns the event paths that the rule's field items test, each once, in the order the detection
   * names them. A rule field mapped to several candidate paths is left out, because no single path
   * contains its value.
   */
  static List<String> eventPaths(
      SigmaDetections detections, Function<String, List<String>> fieldPaths) {
    Set<String> paths = new LinkedHashSet<>();
    for (SigmaDetection detection : detections.searchIdentifiers().values()) {
      addEventPaths(detection, fieldPaths, paths);
    }
    return List.copyOf(paths);
  }

  private static void addEventPaths(
      SigmaDetection detection, Function<String, List<String>> fieldPaths, Set<String> paths) {
    for (DetectionElement element : detection.elements()) {
      if (element instanceof SigmaDetection nested) {
        addEventPaths(nested, fieldPaths, paths);
      } else {
        SigmaDetectionItem item = (SigmaDetectionItem) element;
        String path = item.isKeyword() ? null : singlePath(item.field(), fieldPaths);
        if (path != null) {
          paths.add(path);
        }
      }
    }
  }

  /**
   * Returns whether a rule field is looked up at exactly the event path {@code field}. The
   * comparison is exact: a path that differs only in letter case can resolve to another key of an
   * event that has both spellings.
   */
  private boolean isField(String ruleField) {
    return field.equals(singlePath(ruleField, fieldPaths));
  }

  private static String singlePath(String ruleField, Function<String, List<String>> fieldPaths) {
    List<String> paths = fieldPaths.apply(ruleField);
    return paths.isEmpty() ? ruleField : paths.size() == 1 ? paths.get(0) : null;
  }

  private static boolean addLiterals(SigmaValue value, Set<String> values) {
    if (value instanceof SigmaExpansion expansion) {
      for (SigmaValue alternative : expansion.alternatives()) {
        if (!addLiterals(alternative, values)) {
          return false;
        }
      }
      return true;
    }
    if (value instanceof SigmaString string && !string.hasWildcards() && !string.binary()) {
      values.add(CaseFolding.fold(string.plainText()));
      return true;
    }
    return false;
  }

  private static Optional<Set<String>> smallest(List<Optional<Set<String>>> parts) {
    Optional<Set<String>> best = Optional.empty();
    for (Optional<Set<String>> part : parts) {
      if (part.isPresent() && (best.isEmpty() || part.get().size() < best.get().size())) {
        best = part;
      }
    }
    return best;
  }

  private static Optional<Set<String>> union(List<Optional<Set<String>>> parts) {
    Set<String> all = new HashSet<>();
    for (Optional<Set<String>> part : parts) {
      if (part.isEmpty()) {
        return Optional.empty();
      }
      all.addAll(part.get());
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(all);
  }
}
