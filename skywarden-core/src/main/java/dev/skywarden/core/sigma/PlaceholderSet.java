package dev.skywarden.core.sigma;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The values of Sigma placeholders, which the {@code expand} modifier puts in place of {@code
 * %name%} in rule values. Immutable and thread-safe.
 *
 * <p>A placeholder file is a YAML mapping of placeholder name to a list of values (or one value):
 *
 * <pre>{@code
 * Administrators:
 *   - admin@example.com
 *   - 'adm_*'
 * '%Legitimate_Countries%': [DE, FR]
 * }</pre>
 *
 * <p>Names may be written with or without the surrounding {@code %} and are matched exactly, letter
 * case included. Values are Sigma strings, so {@code *} and {@code ?} are wildcards and a backslash
 * escapes them. A placeholder with several values matches when any value matches.
 */
public final class PlaceholderSet {

  /** The set with no placeholder: every {@code expand} of a placeholder is rejected. */
  public static final PlaceholderSet EMPTY = new PlaceholderSet(Map.of());

  private final Map<String, List<String>> valuesByName;

  private PlaceholderSet(Map<String, List<String>> valuesByName) {
    this.valuesByName = valuesByName;
  }

  /**
   * Returns a set with the given values; names may have the surrounding {@code %}.
   *
   * @throws IllegalArgumentException when a name is blank or a value list is empty
   */
  public static PlaceholderSet of(Map<String, List<String>> valuesByName) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> entry : valuesByName.entrySet()) {
      String name = bareName(entry.getKey());
      if (name.isBlank()) {
        throw new IllegalArgumentException("placeholder name is blank: '" + entry.getKey() + "'");
      }
      if (entry.getValue().isEmpty()) {
        throw new IllegalArgumentException("placeholder '" + name + "' has no value");
      }
      copy.put(name, List.copyOf(entry.getValue()));
    }
    return new PlaceholderSet(Collections.unmodifiableMap(copy));
  }

  /**
   * Reads a placeholder file.
   *
   * @throws IOException when the file cannot be read
   * @throws SigmaConfigException when the file is not a mapping of names to values, with the
   *     location of the problem
   */
  public static PlaceholderSet load(Path file) throws IOException {
    return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Parses the text of a placeholder file.
   *
   * @param fileName the name used in error locations
   * @throws SigmaConfigException when the text is not a mapping of names to values
   */
  public static PlaceholderSet parse(String fileName, String yaml) {
    Node root = composeSingle(fileName, yaml);
    if (root == null || YamlNodes.isNull(root)) {
      return EMPTY;
    }
    if (!(root instanceof MappingNode mapping)) {
      throw new SigmaConfigException(
          YamlNodes.location(fileName, root),
          "placeholder file must be a mapping of name to values but is a " + YamlNodes.kind(root));
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node key = tuple.getKeyNode();
      if (!(key instanceof ScalarNode keyScalar) || bareName(keyScalar.getValue()).isBlank()) {
        throw new SigmaConfigException(
            YamlNodes.location(fileName, key), "placeholder name must be a non-empty string");
      }
      String name = bareName(keyScalar.getValue());
      if (values.containsKey(name)) {
        throw new SigmaConfigException(
            YamlNodes.location(fileName, key), "placeholder '" + name + "' is defined twice");
      }
      values.put(name, scalarList(fileName, name, tuple.getValueNode()));
    }
    return new PlaceholderSet(Collections.unmodifiableMap(values));
  }

  /** Returns the values of a placeholder, given with or without the surrounding {@code %}. */
  public Optional<List<String>> values(String name) {
    return Optional.ofNullable(valuesByName.get(bareName(name)));
  }

  /** Returns the defined names without {@code %}, in file order. */
  public Set<String> names() {
    return valuesByName.keySet();
  }

  /** Returns a set with the placeholders of both; where both define a name, {@code later} wins. */
  public PlaceholderSet with(PlaceholderSet later) {
    Map<String, List<String>> merged = new LinkedHashMap<>(valuesByName);
    merged.putAll(later.valuesByName);
    return new PlaceholderSet(Collections.unmodifiableMap(merged));
  }

  @Override
  public String toString() {
    return "PlaceholderSet" + valuesByName.keySet();
  }

  private static String bareName(String name) {
    String bare = name.strip();
    if (bare.length() >= 2 && bare.startsWith("%") && bare.endsWith("%")) {
      bare = bare.substring(1, bare.length() - 1);
    }
    return bare;
  }

  private static List<String> scalarList(String fileName, String name, Node node) {
    List<Node> elements = new ArrayList<>();
    if (node instanceof SequenceNode sequence) {
      elements.addAll(sequence.getValue());
    } else {
      elements.add(node);
    }
    if (elements.isEmpty()) {
      throw new SigmaConfigException(
          YamlNodes.location(fileName, node), "placeholder '" + name + "' has no value");
    }
    List<String> values = new ArrayList<>();
    for (Node element : elements) {
      if (!(element instanceof ScalarNode scalar) || YamlNodes.isNull(element)) {
        throw new SigmaConfigException(
            YamlNodes.location(fileName, element),
            "placeholder '"
                + name
                + "' must have string values but has a "
                + YamlNodes.kind(element));
      }
      values.add(scalar.getValue());
    }
    return values;
  }

  /** Composes a one-document YAML text, turning YAML errors into located config errors. */
  static Node composeSingle(String fileName, String yaml) {
    LoadSettings settings =
        LoadSettings.builder().setSchema(new CoreSchema()).setUseMarks(true).build();
    try {
      return new Compose(settings).composeString(yaml).orElse(null);
    } catch (YamlEngineException e) {
      throw new SigmaConfigException(
          RuleLocation.ofFile(fileName), "invalid YAML: " + e.getMessage(), e);
    }
  }
}
