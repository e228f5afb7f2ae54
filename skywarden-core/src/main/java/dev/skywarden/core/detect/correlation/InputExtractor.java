package dev.skywarden.core.detect.correlation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Interner;
import dev.skywarden.core.sigma.SigmaRule;
import dev.skywarden.core.sigma.correlation.CorrelationSet;
import dev.skywarden.core.sigma.correlation.CorrelationSource;
import dev.skywarden.core.sigma.correlation.CorrelationSource.RuleSource;
import dev.skywarden.core.sigma.correlation.ResolvedCorrelation;
import dev.skywarden.core.sigma.match.FieldPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a rule match into a {@link CorrelationInput}: reads the fields the correlations need and
 * drops the raw record. Immutable and thread-safe.
 *
 * <p>A field that reaches several values (through an array) gives its first non-null value in
 * document order. Strings give their text, other scalars their JSON text, and objects and arrays
 * their compact JSON.
 */
public final class InputExtractor {

  /**
   * The raw record of every input's event: one shared empty object, because up to {@link
   * CorrelationLimits#maxPendingEvents()} inputs wait for a batch run to finish. No one may add
   * fields to it; events are immutable by contract ({@link CloudEvent}).
   */
  private static final JsonNode EMPTY_RAW = JsonNodeFactory.instance.objectNode();

  private final IdentityHashMap<SigmaRule, List<FieldPath>> pathsByRule = new IdentityHashMap<>();

  /** Creates an extractor for the rules that {@code correlations} reference. */
  public InputExtractor(CorrelationSet correlations) {
    for (ResolvedCorrelation correlation : correlations.correlations()) {
      for (CorrelationSource source : correlation.sources()) {
        if (source instanceof RuleSource ruleSource) {
          pathsByRule.computeIfAbsent(ruleSource.rule(), rule -> paths(correlations, rule));
        }
      }
    }
  }

  private static List<FieldPath> paths(CorrelationSet correlations, SigmaRule rule) {
    List<FieldPath> paths = new ArrayList<>();
    for (String field : correlations.fieldsOf(rule)) {
      paths.add(FieldPath.of(field));
    }
    return List.copyOf(paths);
  }

  /** Returns whether a correlation needs the matches of {@code rule}. */
  public boolean needs(SigmaRule rule) {
    return pathsByRule.containsKey(rule);
  }

  /**
   * Returns the input for a match of {@code rule} on {@code event}, or null when no correlation
   * references the rule.
   */
  public CorrelationInput extract(SigmaRule rule, CloudEvent event) {
    return extract(rule, event, null);
  }

  /**
   * Returns the input for a match of {@code rule} on {@code event}, or null when no correlation
   * references the rule. With an {@code interner}, the input's event parts and field texts are
   * shared instances, which a batch run keeping up to {@link CorrelationLimits#maxPendingEvents()}
   * inputs needs; a stream passes null, because an interner never releases its values.
   */
  public CorrelationInput extract(SigmaRule rule, CloudEvent event, Interner interner) {
    List<FieldPath> paths = pathsByRule.get(rule);
    if (paths == null) {
      return null;
    }
    Map<String, String> fields = new HashMap<>();
    for (FieldPath path : paths) {
      String text = firstText(path.resolve(event.raw()));
      if (text != null) {
        fields.put(path.name(), interner == null ? text : interner.intern(text));
      }
    }
    CloudEvent small =
        interner == null ? withoutRaw(event) : interner.internParts(event, EMPTY_RAW);
    return new CorrelationInput(rule, small, fields);
  }

  private static String firstText(List<JsonNode> values) {
    for (JsonNode value : values) {
      if (value == null || value.isNull() || value.isMissingNode()) {
        continue;
      }
      if (value.isTextual()) {
        return value.textValue();
      }
      return value.isValueNode() ? value.asText() : value.toString();
    }
    return null;
  }

  /** Returns the event with the shared empty raw record, so the kept state stays small. */
  static CloudEvent withoutRaw(CloudEvent event) {
    return event.withRaw(EMPTY_RAW);
  }
}
