package dev.skywarden.core.sigma;

import dev.skywarden.core.sigma.CorrelationCondition.Comparison;
import dev.skywarden.core.sigma.CorrelationCondition.Operator;
import dev.skywarden.core.sigma.SigmaCorrelationRule.FieldAlias;
import dev.skywarden.core.sigma.SigmaCorrelationRule.RuleReference;
import dev.skywarden.core.sigma.SigmaCorrelationRule.Timespan;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Parses the document of a Sigma correlation rule (one with a {@code correlation} attribute) into a
 * {@link SigmaCorrelationRule}, checking the section's shape. References to other rules are only
 * read here; {@link dev.skywarden.core.sigma.correlation.CorrelationSet} resolves them once every
 * file is loaded. Thread-safe: it keeps no state between calls.
 *
 * <p>Beyond the specification, it accepts the {@code w} (week) timespan unit, {@code generate}
 * inside the {@code correlation} section as pySigma writes it, and the type {@code value_median}.
 * Unknown keys inside {@code correlation} are rejected, because a misspelt {@code group-by} would
 * silently change what the rule counts.
 */
final class CorrelationParser {

  private static final Set<String> SECTION_KEYS =
      Set.of("type", "rules", "group-by", "timespan", "condition", "aliases", "generate");

  /** A positive count followed by a unit: seconds, minutes, hours, days or weeks. */
  private static final Pattern TIMESPAN = Pattern.compile("([0-9]{1,9})([smhdw])");

  private final String file;

  CorrelationParser(String file) {
    this.file = file;
  }

  /** Returns whether a document's attributes make it a correlation rule. */
  static boolean isCorrelation(Map<String, NodeTuple> attributes) {
    return attributes.containsKey("correlation");
  }

  /**
   * Parses one correlation document.
   *
   * @param attributes the document's top-level attributes, by name
   * @param documentLocation where the document starts
   * @throws SigmaRuleException for the first problem found
   */
  SigmaCorrelationRule parse(Map<String, NodeTuple> attributes, RuleLocation documentLocation) {
    for (String detectionKey : List.of("detection", "logsource")) {
      if (attributes.containsKey(detectionKey)) {
        throw new SigmaCorrelationException(
            YamlNodes.location(file, attributes.get(detectionKey).getKeyNode()),
            "a correlation rule must not have '"
                + detectionKey
                + "'; put the detection in its own document and reference it by name or id");
      }
    }
    String title = SigmaRuleParser.requiredText(file, attributes, "title", documentLocation);

    Node sectionNode = attributes.get("correlation").getValueNode();
    if (!(sectionNode instanceof MappingNode sectionMap)) {
      throw new SigmaCorrelationException(
          YamlNodes.location(file, sectionNode),
          "'correlation' must be a mapping but is a " + YamlNodes.kind(sectionNode));
    }
    Map<String, NodeTuple> section = SigmaRuleParser.attributes(file, sectionMap);
    for (NodeTuple tuple : section.values()) {
      String key = ((ScalarNode) tuple.getKeyNode()).getValue();
      if (!SECTION_KEYS.contains(key)) {
        throw new SigmaCorrelationException(
            YamlNodes.location(file, tuple.getKeyNode()),
            "unknown correlation attribute '" + key + "'; expected one of " + sortedKeys());
      }
    }
    RuleLocation sectionLocation = YamlNodes.location(file, sectionNode);

    CorrelationType type = type(section, sectionLocation);
    List<RuleReference> rules = rules(section, sectionLocation);
    List<String> groupBy = textList(section, "group-by");
    Timespan timespan = timespan(section, sectionLocation);
    Map<String, FieldAlias> aliases = aliases(section);
    CorrelationCondition condition = condition(section, type, rules.size(), sectionLocation);

    return new SigmaCorrelationRule(
        SigmaRuleParser.optionalText(file, attributes, "id"),
        SigmaRuleParser.optionalText(file, attributes, "name"),
        title,
        SigmaRuleParser.status(file, attributes),
        SigmaRuleParser.optionalText(file, attributes, "description"),
        SigmaRuleParser.optionalText(file, attributes, "author"),
        SigmaRuleParser.date(file, attributes, "date"),
        SigmaRuleParser.date(file, attributes, "modified"),
        SigmaRuleParser.textList(file, attributes, "references"),
        SigmaRuleParser.textList(file, attributes, "tags"),
        SigmaRuleParser.textList(file, attributes, "falsepositives"),
        SigmaRuleParser.level(file, attributes),
        generate(attributes, section),
        type,
        rules,
        groupBy,
        timespan,
        aliases,
        condition,
        documentLocation);
  }

  private static String sortedKeys() {
    return new TreeSet<>(SECTION_KEYS).toString();
  }

  private CorrelationType type(Map<String, NodeTuple> section, RuleLocation sectionLocation) {
    NodeTuple tuple = section.get("type");
    if (tuple == null) {
      throw new SigmaCorrelationException(sectionLocation, "correlation has no type");
    }
    String text = scalarText(tuple.getValueNode(), "type");
    return CorrelationType.parse(text)
        .orElseThrow(
            () ->
                new SigmaCorrelationException(
                    YamlNodes.location(file, tuple.getValueNode()),
                    "invalid correlation type '"
                        + text
                        + "'; expected event_count, value_count, temporal, temporal_ordered,"
                        + " value_sum, value_avg, value_percentile or value_median"));
  }

  private List<RuleReference> rules(Map<String, NodeTuple> section, RuleLocation sectionLocation) {
    NodeTuple tuple = section.get("rules");
    if (tuple == null || YamlNodes.isNull(tuple.getValueNode())) {
      throw new SigmaCorrelationException(sectionLocation, "correlation has no rules");
    }
    List<RuleReference> references = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Node element : scalarsOf(tuple.getValueNode(), "rules")) {
      String reference = ((ScalarNode) element).getValue();
      RuleLocation location = YamlNodes.textLocation(file, element);
      if (reference.isBlank()) {
        throw new SigmaCorrelationException(location, "rule reference is empty");
      }
      if (!seen.add(reference)) {
        throw new SigmaCorrelationException(
            location, "rule '" + reference + "' is referenced twice");
      }
      references.add(new RuleReference(reference, location));
    }
    if (references.isEmpty()) {
      throw new SigmaCorrelationException(
          YamlNodes.location(file, tuple.getValueNode()), "correlation has no rules");
    }
    return references;
  }

  private List<String> textList(Map<String, NodeTuple> section, String key) {
    NodeTuple tuple = section.get(key);
    if (tuple == null || YamlNodes.isNull(tuple.getValueNode())) {
      return List.of();
    }
    List<String> texts = new ArrayList<>();
    for (Node element : scalarsOf(tuple.getValueNode(), key)) {
      String text = ((ScalarNode) element).getValue();
      if (text.isBlank() || texts.contains(text)) {
        throw new SigmaCorrelationException(
            YamlNodes.textLocation(file, element),
            text.isBlank()
                ? "'" + key + "' has an empty field name"
                : "'" + key + "' names '" + text + "' twice");
      }
      texts.add(text);
    }
    return texts;
  }

  /** Returns a scalar or the scalars of a list; anything else is rejected. */
  private List<Node> scalarsOf(Node value, String key) {
    if (value instanceof ScalarNode && !YamlNodes.isNull(value)) {
      return List.of(value);
    }
    if (!(value instanceof SequenceNode sequence)) {
      throw new SigmaCorrelationException(
          YamlNodes.location(file, value),
          "'" + key + "' must be a string or a list of strings but is a " + YamlNodes.kind(value));
    }
    for (Node element : sequence.getValue()) {
      if (!(element instanceof ScalarNode) || YamlNodes.isNull(element)) {
        throw new SigmaCorrelationException(
            YamlNodes.location(file, element),
            "'" + key + "' must hold strings but has a " + YamlNodes.kind(element));
      }
    }
    return sequence.getValue();
  }

  private String scalarText(Node value, String key) {
    if (!(value instanceof ScalarNode scalar) || YamlNodes.isNull(value)) {
      throw new SigmaCorrelationException(
          YamlNodes.location(file, value),
          "'" + key + "' must be a string but is a " + YamlNodes.kind(value));
    }
    return scalar.getValue();
  }

  private Timespan timespan(Map<String, NodeTuple> section, RuleLocation sectionLocation) {
    NodeTuple tuple = section.get("timespan");
    if (tuple == null) {
      throw new SigmaCorrelationException(sectionLocation, "correlation has no timespan");
    }
    String text = scalarText(tuple.getValueNode(), "timespan");
    RuleLocation location = YamlNodes.textLocation(file, tuple.getValueNode());
    Matcher matcher = TIMESPAN.matcher(text);
    if (!matcher.matches()) {
      throw new SigmaCorrelationException(
          location,
          "invalid timespan '"
              + text
              + "'; expected a count and a unit s, m, h, d or w, such as 5m or 24h");
    }
    long count = Long.parseLong(matcher.group(1));
    if (count == 0) {
      throw new SigmaCorrelationException(
          location, "invalid timespan '" + text + "'; it must be longer than zero");
    }
    Duration unit =
        switch (matcher.group(2)) {
          case "s" -> Duration.ofSeconds(1);
          case "m" -> Duration.ofMinutes(1);
          case "h" -> Duration.ofHours(1);
          case "d" -> Duration.ofDays(1);
          default -> Duration.ofDays(7);
        };
    return new Timespan(text, unit.multipliedBy(count));
  }

  private Map<String, FieldAlias> aliases(Map<String, NodeTuple> section) {
    NodeTuple tuple = section.get("aliases");
    if (tuple == null || YamlNodes.isNull(tuple.getValueNode())) {
      return Map.of();
    }
    Node value = tuple.getValueNode();
    if (!(value instanceof MappingNode aliasMap)) {
      throw new SigmaCorrelationException(
          YamlNodes.location(file, value),
          "'aliases' must be a mapping but is a " + YamlNodes.kind(value));
    }
    Map<String, FieldAlias> aliases = new LinkedHashMap<>();
    for (Map.Entry<String, NodeTuple> entry :
        SigmaRuleParser.attributes(file, aliasMap).entrySet()) {
      Node fieldsNode = entry.getValue().getValueNode();
      RuleLocation location = YamlNodes.location(file, entry.getValue().getKeyNode());
      if (!(fieldsNode instanceof MappingNode fieldsMap) || fieldsMap.getValue().isEmpty()) {
        throw new SigmaCorrelationException(
            YamlNodes.location(file, fieldsNode),
            "alias '" + entry.getKey() + "' must map rule names to field names");
      }
      Map<String, String> fieldByRule = new LinkedHashMap<>();
      for (Map.Entry<String, NodeTuple> field :
          SigmaRuleParser.attributes(file, fieldsMap).entrySet()) {
        String fieldName = scalarText(field.getValue().getValueNode(), "aliases");
        fieldByRule.put(field.getKey(), fieldName);
      }
      aliases.put(entry.getKey(), new FieldAlias(entry.getKey(), fieldByRule, location));
    }
    return aliases;
  }

  private CorrelationCondition condition(
      Map<String, NodeTuple> section,
      CorrelationType type,
      int ruleCount,
      RuleLocation sectionLocation) {
    NodeTuple tuple = section.get("condition");
    if (tuple == null || YamlNodes.isNull(tuple.getValueNode())) {
      if (type.isTemporal()) {
        // Without a condition, every referenced rule must match.
        return CorrelationCondition.of(Operator.GTE, ruleCount);
      }
      throw new SigmaCorrelationException(
          sectionLocation, withArticle(type) + " correlation needs a condition");
    }
    Node value = tuple.getValueNode();
    RuleLocation location = YamlNodes.location(file, value);
    if (!(value instanceof MappingNode conditionMap)) {
      throw new SigmaCorrelationException(
          location, "'condition' must be a mapping but is a " + YamlNodes.kind(value));
    }

    List<String> fields = List.of();
    Integer percentile = null;
    List<Comparison> comparisons = new ArrayList<>();
    for (Map.Entry<String, NodeTuple> entry :
        SigmaRuleParser.attributes(file, conditionMap).entrySet()) {
      String key = entry.getKey();
      Node node = entry.getValue().getValueNode();
      if (key.equals("field")) {
        fields = textList(Map.of("field", entry.getValue()), "field");
      } else if (key.equals("percentile")) {
        percentile = percentile(node, type);
      } else {
        Operator operator = operator(key, entry.getValue().getKeyNode());
        comparisons.add(new Comparison(operator, threshold(node, type)));
      }
    }

    checkFields(type, fields, location);
    if (type == CorrelationType.VALUE_PERCENTILE && percentile == null) {
      throw new SigmaCorrelationException(
          location,
          "a value_percentile condition needs 'percentile' (0 to 100), such as percentile: 95");
    }
    if (comparisons.isEmpty()) {
      throw new SigmaCorrelationException(
          location, "condition has no comparison; expected gt, gte, lt, lte, eq or neq");
    }
    checkSatisfiable(comparisons, location);
    return new CorrelationCondition(fields, percentile, comparisons);
  }

  private void checkFields(CorrelationType type, List<String> fields, RuleLocation location) {
    if (type.needsField() && fields.isEmpty()) {
      throw new SigmaCorrelationException(
          location, withArticle(type) + " condition needs the 'field' to aggregate");
    }
    if (!type.needsField() && !fields.isEmpty()) {
      throw new SigmaCorrelationException(
          location, withArticle(type) + " condition counts events or rules and takes no 'field'");
    }
    if (type.isNumeric() && fields.size() > 1) {
      throw new SigmaCorrelationException(
          location, withArticle(type) + " condition aggregates one numeric 'field', not " + fields);
    }
  }

  /** Returns the type name after "a" or "an", as in "an event_count correlation". */
  private static String withArticle(CorrelationType type) {
    return (type == CorrelationType.EVENT_COUNT ? "an " : "a ") + type;
  }

  private Operator operator(String key, Node keyNode) {
    for (Operator operator : Operator.values()) {
      if (operator.specName().equals(key)) {
        return operator;
      }
    }
    throw new SigmaCorrelationException(
        YamlNodes.location(file, keyNode),
        "unknown condition key '"
            + key
            + "'; expected gt, gte, lt, lte, eq, neq, field or percentile");
  }

  private BigDecimal threshold(Node node, CorrelationType type) {
    BigDecimal number = number(node, "threshold");
    boolean counts = !type.isNumeric();
    if (counts && number.stripTrailingZeros().scale() > 0) {
      throw new SigmaCorrelationException(
          YamlNodes.location(file, node),
          withArticle(type)
              + " threshold counts events, so it must be a whole number, not "
              + number);
    }
    return number;
  }

  private Integer percentile(Node node, CorrelationType type) {
    if (type != CorrelationType.VALUE_PERCENTILE) {
      throw new SigmaCorrelationException(
          YamlNodes.location(file, node), "'percentile' only applies to value_percentile");
    }
    BigDecimal number = number(node, "percentile");
    if (number.compareTo(BigDecimal.ZERO) < 0
        || number.compareTo(BigDecimal.valueOf(100)) > 0
        || number.stripTrailingZeros().scale() > 0) {
      throw new SigmaCorrelationException(
          YamlNodes.location(file, node),
          "invalid percentile " + number + "; expected a whole number from 0 to 100");
    }
    return number.intValueExact();
  }

  private BigDecimal number(Node node, String role) {
    if (node instanceof ScalarNode scalar
        && (Tag.INT.equals(node.getTag()) || Tag.FLOAT.equals(node.getTag()))) {
      try {
        return new BigDecimal(scalar.getValue().replace("_", "").toLowerCase(Locale.ROOT));
      } catch (NumberFormatException e) {
        throw new SigmaCorrelationException(
            YamlNodes.location(file, node),
            "invalid " + role + " '" + scalar.getValue() + "'; expected a finite number",
            e);
      }
    }
    throw new SigmaCorrelationException(
        YamlNodes.location(file, node),
        "the "
            + role
            + " must be a number but is "
            + (node instanceof ScalarNode scalar
                ? "'" + scalar.getValue() + "'"
                : "a " + YamlNodes.kind(node)));
  }

  /** Rejects a range no value can satisfy, such as {@code gt: 10, lt: 5}. */
  private static void checkSatisfiable(List<Comparison> comparisons, RuleLocation location) {
    List<BigDecimal> probes = new ArrayList<>();
    for (Comparison comparison : comparisons) {
      BigDecimal threshold = comparison.threshold();
      probes.add(threshold);
      probes.add(threshold.add(new BigDecimal("0.5")));
      probes.add(threshold.subtract(new BigDecimal("0.5")));
    }
    // Between any two thresholds (or beyond them) the truth of every comparison is constant, so
    // the thresholds and points half a unit beside them cover the cases that can hold for counts.
    // NOTE: fractional thresholds closer than one half can hide a satisfiable gap; none is lost
    // for whole-number thresholds.
    CorrelationCondition condition = new CorrelationCondition(List.of(), null, comparisons);
    for (BigDecimal probe : probes) {
      if (condition.test(probe)) {
        return;
      }
    }
    throw new SigmaCorrelationException(
        location, "condition " + condition.comparisonText() + " can never be true");
  }

  private boolean generate(Map<String, NodeTuple> attributes, Map<String, NodeTuple> section) {
    Boolean topLevel = bool(attributes.get("generate"));
    Boolean inSection = bool(section.get("generate"));
    if (topLevel != null && inSection != null && !topLevel.equals(inSection)) {
      throw new SigmaCorrelationException(
          YamlNodes.location(file, section.get("generate").getValueNode()),
          "'generate' is set both at the top level and in 'correlation', with different values");
    }
    if (topLevel != null) {
      return topLevel;
    }
    return inSection != null && inSection;
  }

  private Boolean bool(NodeTuple tuple) {
    if (tuple == null || YamlNodes.isNull(tuple.getValueNode())) {
      return null;
    }
    Node value = tuple.getValueNode();
    if (!(value instanceof ScalarNode scalar) || !Tag.BOOL.equals(value.getTag())) {
      throw new SigmaCorrelationException(
          YamlNodes.location(file, value), "'generate' must be true or false");
    }
    return scalar.getValue().toLowerCase(Locale.ROOT).equals("true");
  }
}
