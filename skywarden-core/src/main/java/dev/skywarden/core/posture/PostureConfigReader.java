package dev.skywarden.core.posture;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads the posture configuration, YAML or JSON:
 *
 * <pre>
 * production: [111111111111, prod-project, 00000000-0000-0000-0000-000000000001]
 * non_production: [222222222222, dev-project]
 * organization_accounts: [333333333333]
 * organization_domains: [example.com]
 * run_command_allowed: ["arn:aws:iam::111111111111:role/ops"]
 * stale_days: 90
 * key_rotation_days: 90
 * gcp_projects: {prod-policy.json: prod-project}
 * </pre>
 *
 * <p>Every key is optional. An unknown key is an error naming its line, the nearest known key and
 * all known keys, so a typo does not silently turn a check off. Stateless and thread-safe.
 */
public final class PostureConfigReader {

  /** The keys a configuration may have; a document with one of these is taken for one. */
  public static final Set<String> KEYS =
      Set.of(
          "production",
          "non_production",
          "organization_accounts",
          "organization_domains",
          "run_command_allowed",
          "stale_days",
          "key_rotation_days",
          "gcp_projects");

  private static final ObjectMapper JSON = new ObjectMapper();

  private PostureConfigReader() {}

  /** Parses YAML text into a document, or returns {@code null} when it is not a YAML mapping. */
  static Map<?, ?> parseMapping(String text) {
    try {
      Object document = new Load(LoadSettings.builder().build()).loadFromString(text);
      return document instanceof Map<?, ?> map ? map : null;
    } catch (YamlEngineException e) {
      return null;
    }
  }

  /** Tells whether a parsed document looks like a posture configuration. */
  static boolean isConfig(Map<?, ?> document) {
    for (Object key : document.keySet()) {
      if (KEYS.contains(String.valueOf(key))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads a configuration file, YAML or JSON.
   *
   * @throws PostureInputException when the file is not UTF-8 text, or as {@link #read} does
   * @throws IOException when the file cannot be read
   */
  public static PostureConfig readFile(Path path) throws IOException {
    String file = path.toString();
    String text =
        Utf8Text.decode(Files.readAllBytes(path))
            .orElseThrow(
                () ->
                    new PostureInputException(
                        file,
                        "not UTF-8 text (a binary file?); the posture configuration must be a"
                            + " YAML or JSON file"));
    return read(text, file);
  }

  /**
   * Reads a configuration from YAML or JSON text. Text that starts with <code>&#123;</code> is read
   * as JSON, anything else as YAML.
   *
   * @param file the file name for error messages
   * @throws PostureInputException when the text is invalid, not a mapping, a key is unknown (the
   *     message names its line and the known keys) or a value has the wrong type
   */
  public static PostureConfig read(String text, String file) throws PostureInputException {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    if (body.stripLeading().startsWith("{")) {
      return readJson(body, file);
    }
    return readYaml(body, file);
  }

  private static PostureConfig readYaml(String text, String file) throws PostureInputException {
    Map<String, Integer> keyLines = new HashMap<>();
    Map<?, ?> document;
    try {
      LoadSettings settings = LoadSettings.builder().build();
      Optional<Node> root = new Compose(settings).composeString(text);
      if (root.isPresent() && root.get() instanceof MappingNode mapping) {
        for (NodeTuple tuple : mapping.getValue()) {
          if (tuple.getKeyNode() instanceof ScalarNode key) {
            key.getStartMark().ifPresent(mark -> keyLines.put(key.getValue(), mark.getLine() + 1));
          }
        }
      }
      Object parsed = new Load(settings).loadFromString(text);
      if (!(parsed instanceof Map<?, ?> map)) {
        throw new PostureInputException(file, "posture configuration is not a mapping of keys");
      }
      document = map;
    } catch (MarkedYamlEngineException e) {
      String where =
          e.getProblemMark()
              .map(
                  mark -> " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1))
              .orElse("");
      throw new PostureInputException(file, "invalid YAML" + where + ": " + e.getProblem(), e);
    } catch (YamlEngineException e) {
      throw new PostureInputException(file, "invalid YAML: " + e.getMessage(), e);
    }
    return fromDocument(document, file, keyLines);
  }

  private static PostureConfig readJson(String text, String file) throws PostureInputException {
    Map<String, Integer> keyLines = new HashMap<>();
    try (JsonParser parser = JSON.createParser(text)) {
      int depth = 0;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        } else if (token == JsonToken.FIELD_NAME && depth == 1) {
          keyLines.putIfAbsent(parser.currentName(), parser.currentTokenLocation().getLineNr());
        }
      }
      Object parsed = JSON.readValue(text, Object.class);
      if (!(parsed instanceof Map<?, ?> map)) {
        throw new PostureInputException(file, "posture configuration is not a JSON object");
      }
      return fromDocument(map, file, keyLines);
    } catch (PostureInputException e) {
      throw e;
    } catch (JsonProcessingException e) {
      throw new PostureInputException(
          file,
          "invalid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new PostureInputException(file, "invalid JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Tells whether an object of no known export kind is probably a posture configuration with
   * misspelt keys: one of its keys is within two edits of a known key, ignoring case and dashes.
   */
  static boolean nearConfig(Iterable<String> keys) {
    for (String key : keys) {
      if (suggestion(key) != null) {
        return true;
      }
    }
    return false;
  }

  static PostureConfig fromDocument(Map<?, ?> document, String file, Map<String, Integer> keyLines)
      throws PostureInputException {
    for (Object key : document.keySet()) {
      String name = String.valueOf(key);
      if (!KEYS.contains(name)) {
        Integer line = keyLines.get(name);
        String suggestion = suggestion(name);
        throw new PostureInputException(
            file,
            (line == null ? "" : "line " + line + ": ")
                + "unknown key '"
                + name
                + "' in posture configuration"
                + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                + "; known keys: "
                + String.join(", ", new TreeSet<>(KEYS)));
      }
    }
    return new PostureConfig(
        strings(document, "production", file),
        strings(document, "non_production", file),
        strings(document, "organization_accounts", file),
        strings(document, "organization_domains", file),
        strings(document, "run_command_allowed", file),
        days(document, "stale_days", file),
        days(document, "key_rotation_days", file),
        stringMap(document, "gcp_projects", file));
  }

  /** Returns the known key within two edits of {@code key}, ignoring case and dashes, or null. */
  private static String suggestion(String key) {
    String normal = key.toLowerCase(Locale.ROOT).replace('-', '_').trim();
    String best = null;
    int bestDistance = 3;
    for (String known : new TreeSet<>(KEYS)) {
      int distance = editDistance(normal, known);
      if (distance < bestDistance) {
        best = known;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Returns the Levenshtein distance of two strings. */
  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static Set<String> strings(Map<?, ?> document, String key, String file)
      throws PostureInputException {
    Object value = document.get(key);
    if (value == null) {
      return Set.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new PostureInputException(file, "field '" + key + "': expected a list, got " + value);
    }
    Set<String> values = new LinkedHashSet<>();
    for (Object item : list) {
      if (item instanceof Map<?, ?> || item instanceof List<?> || item == null) {
        throw new PostureInputException(
            file, "field '" + key + "': expected text items, got " + item);
      }
      values.add(String.valueOf(item));
    }
    return values;
  }

  private static int days(Map<?, ?> document, String key, String file)
      throws PostureInputException {
    Object value = document.get(key);
    if (value == null) {
      return PostureConfig.DEFAULT_DAYS;
    }
    if (!(value instanceof Number number) || number.intValue() < 1) {
      throw new PostureInputException(
          file, "field '" + key + "': expected a whole number of days of at least 1, got " + value);
    }
    return number.intValue();
  }

  private static Map<String, String> stringMap(Map<?, ?> document, String key, String file)
      throws PostureInputException {
    Object value = document.get(key);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new PostureInputException(
          file, "field '" + key + "': expected a mapping of file name to project id");
    }
    Map<String, String> result = new HashMap<>();
    map.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
    return result;
  }
}
