package dev.skywarden.core.posture;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads the posture configuration, YAML or JSON (JSON is read as YAML):
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
 * <p>Every key is optional; an unknown key is an error, so a typo does not silently turn a check
 * off. Stateless and thread-safe.
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
   * Reads a configuration from YAML or JSON text.
   *
   * @param file the file name for error messages
   * @throws PostureInputException when the text is not a mapping, a key is unknown or a value has
   *     the wrong type
   */
  public static PostureConfig read(String text, String file) throws PostureInputException {
    Map<?, ?> document;
    try {
      Object parsed = new Load(LoadSettings.builder().build()).loadFromString(text);
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
    return fromDocument(document, file);
  }

  static PostureConfig fromDocument(Map<?, ?> document, String file) throws PostureInputException {
    for (Object key : document.keySet()) {
      if (!KEYS.contains(String.valueOf(key))) {
        throw new PostureInputException(
            file, "unknown key '" + key + "' in posture configuration; known keys: " + KEYS);
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
