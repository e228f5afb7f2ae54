package dev.skywarden.core.sigma;

import dev.skywarden.core.sigma.detection.SigmaDetections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Parses a Sigma filter document: {@code title}, {@code logsource} and a {@code filter} section
 * with {@code rules} (ids or names, or {@code any}), search identifiers and a {@code condition}.
 * Thread-safe: it keeps no state between calls.
 */
final class SigmaFilterParser {

  private final PlaceholderSet placeholders;

  SigmaFilterParser(PlaceholderSet placeholders) {
    this.placeholders = placeholders;
  }

  /** Returns whether a document's attributes make it a filter rather than a rule. */
  static boolean isFilter(Map<String, NodeTuple> attributes) {
    return attributes.containsKey("filter") && !attributes.containsKey("detection");
  }

  /**
   * Parses a filter document whose attributes were read already.
   *
   * @throws SigmaRuleException (a subclass naming the section) for the first problem
   */
  SigmaFilter parse(String file, Map<String, NodeTuple> attributes, RuleLocation where) {
    String title = SigmaRuleParser.requiredText(file, attributes, "title", where);
    LogSource logSource = SigmaRuleParser.logSource(file, attributes, where);
    Node filterNode = attributes.get("filter").getValueNode();
    if (!(filterNode instanceof MappingNode filterMap)) {
      throw new SigmaFilterException(
          YamlNodes.location(file, filterNode),
          "filter must be a mapping but is a " + YamlNodes.kind(filterNode));
    }
    NodeTuple rulesTuple = null;
    for (NodeTuple tuple : filterMap.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("rules")) {
        rulesTuple = tuple;
      }
    }
    if (rulesTuple == null) {
      throw new SigmaFilterException(
          YamlNodes.location(file, filterNode),
          "filter '" + title + "' has no 'rules' list naming the rules it applies to");
    }
    List<SigmaFilter.RuleReference> rules = new ArrayList<>();
    boolean anyRule = readRules(file, rulesTuple.getValueNode(), rules);
    SigmaDetections detection =
        new DetectionParser(file, placeholders, Set.of("rules")).parse(filterNode);
    return new SigmaFilter(
        SigmaRuleParser.optionalText(file, attributes, "id"),
        title,
        SigmaRuleParser.optionalText(file, attributes, "description"),
        logSource,
        rules,
        anyRule,
        detection,
        where);
  }

  /** Reads the {@code rules} entries into {@code rules}; returns true for {@code rules: any}. */
  private static boolean readRules(String file, Node node, List<SigmaFilter.RuleReference> rules) {
    if (node instanceof ScalarNode scalar && !YamlNodes.isNull(node)) {
      if (scalar.getValue().equals("any")) {
        return true;
      }
      rules.add(new SigmaFilter.RuleReference(scalar.getValue(), YamlNodes.location(file, node)));
      return false;
    }
    if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
      throw new SigmaFilterException(
          YamlNodes.location(file, node),
          "filter 'rules' must be a non-empty list of rule ids or names, or 'any'");
    }
    for (Node element : sequence.getValue()) {
      if (!(element instanceof ScalarNode scalar) || YamlNodes.isNull(element)) {
        throw new SigmaFilterException(
            YamlNodes.location(file, element),
            "filter 'rules' entry must be a rule id or name but is a " + YamlNodes.kind(element));
      }
      rules.add(
          new SigmaFilter.RuleReference(scalar.getValue(), YamlNodes.location(file, element)));
    }
    return false;
  }
}
