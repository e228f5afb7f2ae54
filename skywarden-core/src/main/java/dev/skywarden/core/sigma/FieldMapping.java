package dev.skywarden.core.sigma;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One field mapping file: for rules of one log source, the event paths where each rule field name
 * is looked up. Immutable.
 *
 * <p>File format (YAML):
 *
 * <pre>{@code
 * title: GCP Cloud Audit Logs
 * logsource:            # the rules it applies to; each attribute set here must equal the rule's
 *   product: gcp
 *   service: gcp.audit
 * fields:               # rule field name -> candidate event paths, in order
 *   gcp.audit.method_name: protoPayload.methodName
 *   data.protoPayload.logName: [logName, protoPayload.logName]
 * prefixes:             # rule field prefix -> replacements, for fields not listed under fields
 *   'data.': ['', 'data.']
 * }</pre>
 *
 * <p>A field listed under {@code fields} (exact name first, then ignoring letter case) takes its
 * candidates from there; otherwise the longest matching prefix rewrites it; otherwise the rule
 * field name is used as it is. At match time the first candidate path present in the event is used
 * (see {@link dev.skywarden.core.sigma.match.FieldPath#firstPresent}).
 *
 * @param source the file name, for errors and logs
 * @param logSource the log source of the rules the mapping applies to
 * @param fields the candidate paths of each rule field name, in file order
 * @param prefixes the replacements of each rule field prefix, in file order
 */
public record FieldMapping(
    String source,
    LogSource logSource,
    Map<String, List<String>> fields,
    Map<String, List<String>> prefixes) {

  public FieldMapping {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(logSource, "logSource");
    fields = copy(fields);
    prefixes = copy(prefixes);
  }

  /**
   * Parses a mapping file.
   *
   * @param fileName the name used in error locations
   * @throws SigmaConfigException when the file is not a valid mapping, with the location
   */
  public static FieldMapping parse(String fileName, String yaml) {
    Node root = PlaceholderSet.composeSingle(fileName, yaml);
    if (!(root instanceof MappingNode document)) {
      throw new SigmaConfigException(
          RuleLocation.ofFile(fileName), "field mapping file must be a YAML mapping");
    }
    LogSource logSource = null;
    Map<String, List<String>> fields = Map.of();
    Map<String, List<String>> prefixes = Map.of();
    for (NodeTuple tuple : document.getValue()) {
      String key = text(fileName, tuple.getKeyNode(), "attribute name");
      Node value = tuple.getValueNode();
      if (key.equals("logsource")) {
        logSource = logSource(fileName, value);
      } else if (key.equals("fields")) {
        fields = pathMap(fileName, value, "fields");
      } else if (key.equals("prefixes")) {
        prefixes = pathMap(fileName, value, "prefixes");
      } else if (!key.equals("title") && !key.equals("description")) {
        throw new SigmaConfigException(
            YamlNodes.location(fileName, tuple.getKeyNode()),
            "unknown attribute '"
                + key
                + "' in field mapping; expected title, description, logsource, fields, prefixes");
      }
    }
    if (logSource == null) {
      throw new SigmaConfigException(
          YamlNodes.location(fileName, root), "field mapping file has no logsource");
    }
    return new FieldMapping(fileName, logSource, fields, prefixes);
  }

  /** Returns whether this mapping applies to rules of {@code ruleLogSource}. */
  public boolean appliesTo(LogSource ruleLogSource) {
    return covers(logSource.product(), ruleLogSource.product())
        && covers(logSource.service(), ruleLogSource.service())
        && covers(logSource.category(), ruleLogSource.category());
  }

  /** Returns the candidate paths of a rule field, or null when this mapping does not map it. */
  List<String> candidates(String ruleField) {
    List<String> exact = fields.get(ruleField);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, List<String>> entry : fields.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(ruleField)) {
        return entry.getValue();
      }
    }
    String bestPrefix = null;
    for (String prefix : prefixes.keySet()) {
      boolean matches = ruleField.regionMatches(true, 0, prefix, 0, prefix.length());
      if (matches && (bestPrefix == null || prefix.length() > bestPrefix.length())) {
        bestPrefix = prefix;
      }
    }
    if (bestPrefix == null) {
      return null;
    }
    String rest = ruleField.substring(bestPrefix.length());
    List<String> rewritten = new ArrayList<>();
    for (String replacement : prefixes.get(bestPrefix)) {
      String candidate = replacement + rest;
      if (!candidate.isEmpty() && !rewritten.contains(candidate)) {
        rewritten.add(candidate);
      }
    }
    return rewritten;
  }

  private static boolean covers(String mappingValue, String ruleValue) {
    return mappingValue == null
        || (ruleValue != null
            && mappingValue.toLowerCase(Locale.ROOT).equals(ruleValue.toLowerCase(Locale.ROOT)));
  }

  private static LogSource logSource(String fileName, Node node) {
    if (!(node instanceof MappingNode map)) {
      throw new SigmaConfigException(
          YamlNodes.location(fileName, node), "logsource must be a mapping");
    }
    String category = null;
    String product = null;
    String service = null;
    for (NodeTuple tuple : map.getValue()) {
      String key = text(fileName, tuple.getKeyNode(), "logsource attribute");
      String value = text(fileName, tuple.getValueNode(), "logsource " + key);
      switch (key) {
        case "category" -> category = value;
        case "product" -> product = value;
        case "service" -> service = value;
        default ->
            throw new SigmaConfigException(
                YamlNodes.location(fileName, tuple.getKeyNode()),
                "unknown logsource attribute '" + key + "'");
      }
    }
    return new LogSource(category, product, service);
  }

  private static Map<String, List<String>> pathMap(String fileName, Node node, String section) {
    if (!(node instanceof MappingNode map)) {
      throw new SigmaConfigException(
          YamlNodes.location(fileName, node), "'" + section + "' must be a mapping");
    }
    Map<String, List<String>> paths = new LinkedHashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      String key = text(fileName, tuple.getKeyNode(), section + " key");
      if (paths.containsKey(key)) {
        throw new SigmaConfigException(
            YamlNodes.location(fileName, tuple.getKeyNode()),
            "'" + key + "' appears twice in " + section);
      }
      List<String> candidates = new ArrayList<>();
      Node value = tuple.getValueNode();
      List<Node> elements =
          value instanceof SequenceNode sequence ? sequence.getValue() : List.of(value);
      for (Node element : elements) {
        candidates.add(text(fileName, element, "path of '" + key + "'"));
      }
      if (candidates.isEmpty()) {
        throw new SigmaConfigException(
            YamlNodes.location(fileName, value), "'" + key + "' has no candidate path");
      }
      paths.put(key, candidates);
    }
    return paths;
  }

  private static String text(String fileName, Node node, String what) {
    if (!(node instanceof ScalarNode scalar) || YamlNodes.isNull(node)) {
      throw new SigmaConfigException(
          YamlNodes.location(fileName, node),
          what + " must be a string but is a " + YamlNodes.kind(node));
    }
    return scalar.getValue();
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> map) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(key, List.copyOf(value)));
    return Collections.unmodifiableMap(copy);
  }
}
