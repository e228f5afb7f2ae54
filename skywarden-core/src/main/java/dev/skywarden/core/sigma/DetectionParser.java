package dev.skywarden.core.sigma;

import dev.skywarden.core.sigma.condition.ConditionNode;
import dev.skywarden.core.sigma.condition.ConditionParser;
import dev.skywarden.core.sigma.condition.SigmaCondition;
import dev.skywarden.core.sigma.detection.DetectionElement;
import dev.skywarden.core.sigma.detection.Linking;
import dev.skywarden.core.sigma.detection.SigmaDetection;
import dev.skywarden.core.sigma.detection.SigmaDetectionItem;
import dev.skywarden.core.sigma.detection.SigmaDetections;
import dev.skywarden.core.sigma.modifier.ModifierTarget;
import dev.skywarden.core.sigma.modifier.SigmaModifiers;
import dev.skywarden.core.sigma.value.SigmaNull;
import dev.skywarden.core.sigma.value.SigmaValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Parses the {@code detection} section of one rule into {@link SigmaDetections}, applying value
 * modifiers and checking the condition against the defined search identifiers.
 */
final class DetectionParser {

  private static final Logger LOG = LoggerFactory.getLogger(DetectionParser.class);

  private final String file;
  private final PlaceholderSet placeholders;
  private final Set<String> reservedKeys;

  /**
   * Creates a parser for one file.
   *
   * @param placeholders the values for the {@code expand} modifier
   * @param reservedKeys keys of the section that are not search identifiers, such as a filter's
   *     {@code rules}; the caller reads them
   */
  DetectionParser(String file, PlaceholderSet placeholders, Set<String> reservedKeys) {
    this.file = file;
    this.placeholders = placeholders;
    this.reservedKeys = Set.copyOf(reservedKeys);
  }

  /**
   * Parses a detection mapping.
   *
   * @throws SigmaRuleException (a subclass naming the area) for the first problem found
   */
  SigmaDetections parse(Node detectionNode) {
    if (!(detectionNode instanceof MappingNode detectionMap)) {
      throw new SigmaDetectionException(
          YamlNodes.location(file, detectionNode),
          "detection must be a mapping but is a " + YamlNodes.kind(detectionNode));
    }
    Map<String, SigmaDetection> identifiers = new LinkedHashMap<>();
    Node conditionNode = null;
    for (NodeTuple tuple : detectionMap.getValue()) {
      String name = keyText(tuple.getKeyNode());
      if (reservedKeys.contains(name)) {
        LOG.trace("{}: key '{}' is read by the caller", file, name);
      } else if (name.equals("condition")) {
        conditionNode = tuple.getValueNode();
      } else if (name.equals("timeframe")) {
        // NOTE: ignored. Sigma 1 kept aggregation windows here; Sigma 2 moved them to correlations.
        LOG.debug("{}: ignoring the Sigma 1 detection.timeframe", file);
      } else if (identifiers.containsKey(name)) {
        throw new SigmaDetectionException(
            YamlNodes.location(file, tuple.getKeyNode()),
            "search identifier '" + name + "' is defined twice");
      } else {
        identifiers.put(name, parseSearchIdentifier(name, tuple.getValueNode()));
      }
    }
    if (conditionNode == null) {
      throw new SigmaConditionException(
          YamlNodes.location(file, detectionNode), "detection has no condition");
    }
    if (identifiers.isEmpty()) {
      throw new SigmaDetectionException(
          YamlNodes.location(file, detectionNode), "detection defines no search identifier");
    }
    return new SigmaDetections(identifiers, parseConditions(conditionNode, identifiers));
  }

  private List<SigmaCondition> parseConditions(Node node, Map<String, SigmaDetection> identifiers) {
    List<Node> conditionNodes = new ArrayList<>();
    if (node instanceof SequenceNode sequence) {
      conditionNodes.addAll(sequence.getValue());
    } else {
      conditionNodes.add(node);
    }
    if (conditionNodes.isEmpty()) {
      throw new SigmaConditionException(YamlNodes.location(file, node), "condition list is empty");
    }
    List<SigmaCondition> conditions = new ArrayList<>();
    for (Node conditionNode : conditionNodes) {
      if (!(conditionNode instanceof ScalarNode scalar) || YamlNodes.isNull(conditionNode)) {
        throw new SigmaConditionException(
            YamlNodes.location(file, conditionNode),
            "condition must be a string but is a " + YamlNodes.kind(conditionNode));
      }
      String text = scalar.getValue();
      RuleLocation start = YamlNodes.textLocation(file, conditionNode);
      ConditionNode expression = ConditionParser.parse(text, start);
      ConditionParser.validate(expression, identifiers.keySet(), start);
      conditions.add(new SigmaCondition(text, expression, start));
    }
    return conditions;
  }

  private SigmaDetection parseSearchIdentifier(String name, Node node) {
    RuleLocation location = YamlNodes.location(file, node);
    if (node instanceof MappingNode map) {
      return parseMap(map);
    }
    if (node instanceof SequenceNode sequence) {
      List<Node> elements = sequence.getValue();
      if (elements.isEmpty()) {
        throw new SigmaDetectionException(location, "search identifier '" + name + "' is empty");
      }
      boolean allMaps = elements.stream().allMatch(e -> e instanceof MappingNode);
      boolean allScalars = elements.stream().allMatch(e -> e instanceof ScalarNode);
      if (allMaps) {
        List<DetectionElement> maps = new ArrayList<>();
        for (Node element : elements) {
          if (element instanceof MappingNode elementMap) {
            maps.add(parseMap(elementMap));
          }
        }
        return new SigmaDetection(maps, Linking.OR, location);
      }
      if (allScalars) {
        SigmaDetectionItem keywords = parseItem(null, List.of(), node, location);
        return new SigmaDetection(List.of(keywords), Linking.OR, location);
      }
      throw new SigmaDetectionException(
          location, "search identifier '" + name + "' mixes maps and plain values in one list");
    }
    if (YamlNodes.isNull(node)) {
      throw new SigmaDetectionException(location, "search identifier '" + name + "' is empty");
    }
    SigmaDetectionItem keyword = parseItem(null, List.of(), node, location);
    return new SigmaDetection(List.of(keyword), Linking.OR, location);
  }

  private SigmaDetection parseMap(MappingNode map) {
    RuleLocation location = YamlNodes.location(file, map);
    if (map.getValue().isEmpty()) {
      throw new SigmaDetectionException(location, "field map is empty");
    }
    List<DetectionElement> items = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (NodeTuple tuple : map.getValue()) {
      Node keyNode = tuple.getKeyNode();
      String key = keyText(keyNode);
      if (keys.contains(key)) {
        throw new SigmaDetectionException(
            YamlNodes.location(file, keyNode), "field '" + key + "' appears twice in one map");
      }
      keys.add(key);
      items.add(parseKeyedItem(key, keyNode, tuple.getValueNode()));
    }
    return new SigmaDetection(items, Linking.AND, location);
  }

  private SigmaDetectionItem parseKeyedItem(String key, Node keyNode, Node valueNode) {
    RuleLocation keyStart = YamlNodes.textLocation(file, keyNode);
    String[] pieces = key.split("\\|", -1);
    String field = pieces[0].isEmpty() ? null : pieces[0];
    List<String> modifiers = new ArrayList<>();
    int offset = pieces[0].length();
    for (int i = 1; i < pieces.length; i++) {
      if (pieces[i].isEmpty()) {
        throw new SigmaModifierException(
            keyStart.plusColumns(offset), "empty modifier name in '" + key + "'");
      }
      modifiers.add(pieces[i]);
      offset += pieces[i].length() + 1;
    }
    if (field == null && modifiers.isEmpty()) {
      throw new SigmaDetectionException(keyStart, "field name is empty");
    }
    return parseItemWithOffsets(field, modifiers, valueNode, keyStart, pieces);
  }

  private SigmaDetectionItem parseItem(
      String field, List<String> modifiers, Node valueNode, RuleLocation location) {
    return parseItemWithOffsets(field, modifiers, valueNode, location, null);
  }

  private SigmaDetectionItem parseItemWithOffsets(
      String field,
      List<String> modifiers,
      Node valueNode,
      RuleLocation keyStart,
      String[] keyPieces) {
    List<SigmaValue> values = parseValues(field, valueNode);
    ModifierTarget target = new ModifierTarget(field, values, keyStart, placeholders);
    int offset = keyPieces == null ? 0 : keyPieces[0].length() + 1;
    for (String modifier : modifiers) {
      SigmaModifiers.apply(modifier, target, keyStart.plusColumns(offset));
      offset += modifier.length() + 1;
    }
    return new SigmaDetectionItem(
        field,
        modifiers,
        target.values(),
        target.linking(),
        target.cased(),
        target.negated(),
        keyStart,
        target.timePart());
  }

  private List<SigmaValue> parseValues(String field, Node valueNode) {
    String subject = field == null ? "keyword list" : "field '" + field + "'";
    RuleLocation location = YamlNodes.location(file, valueNode);
    if (valueNode instanceof ScalarNode scalar) {
      return List.of(YamlNodes.value(scalar));
    }
    if (!(valueNode instanceof SequenceNode sequence)) {
      throw new SigmaDetectionException(
          location, subject + " must have a value or a list of values, not a mapping");
    }
    List<Node> elements = sequence.getValue();
    if (elements.isEmpty()) {
      throw new SigmaDetectionException(location, subject + " has an empty value list");
    }
    List<SigmaValue> values = new ArrayList<>();
    for (Node element : elements) {
      if (!(element instanceof ScalarNode scalar)) {
        throw new SigmaDetectionException(
            YamlNodes.location(file, element),
            subject + " has a " + YamlNodes.kind(element) + " in its value list");
      }
      values.add(YamlNodes.value(scalar));
    }
    if (values.size() > 1 && values.contains(SigmaNull.INSTANCE)) {
      throw new SigmaDetectionException(
          location,
          subject + " has null in a value list; the spec requires null in its own selection");
    }
    if (field == null && values.contains(SigmaNull.INSTANCE)) {
      throw new SigmaDetectionException(location, "keyword list has a null value");
    }
    return values;
  }

  private String keyText(Node keyNode) {
    if (!(keyNode instanceof ScalarNode scalar) || YamlNodes.isNull(keyNode)) {
      throw new SigmaDetectionException(
          YamlNodes.location(file, keyNode),
          "key must be a string but is a " + YamlNodes.kind(keyNode));
    }
    if (scalar.getScalarStyle() == ScalarStyle.LITERAL
        || scalar.getScalarStyle() == ScalarStyle.FOLDED) {
      throw new SigmaDetectionException(
          YamlNodes.location(file, keyNode), "key must be a single-line string");
    }
    return scalar.getValue();
  }
}
