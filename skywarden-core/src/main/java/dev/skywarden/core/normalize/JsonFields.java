package dev.skywarden.core.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.json.Shape;
import dev.skywarden.core.json.ShapeCache;
import dev.skywarden.core.json.ShapedObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tolerant field access for audit records whose shape changes between exports.
 *
 * <p>Field names are matched exactly first, then ignoring case, because some exports lower-case
 * every key ({@code operationname}, {@code protopayload}). Objects and arrays given as JSON-encoded
 * strings are decoded on the way down a path. Every method is null-safe and returns {@code null}
 * for a missing field or a JSON {@code null}. Objects read by the log reader ({@link
 * ShapedObjectNode}) are looked up through the index of their shape, which gives the same results
 * as the scans. The class is stateless and thread-safe.
 */
final class JsonFields {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The {@link #keyBits} of the keys of a shape. */
  private static final ShapeCache<Long> KEY_BITS = new ShapeCache<>(JsonFields::keyBits);

  private JsonFields() {}

  /**
   * Returns the named field of an object, matching the name exactly and then ignoring case, or
   * {@code null} when the node is not an object, the field is absent, or its value is JSON null.
   */
  static JsonNode get(JsonNode object, String name) {
    return get(object, name, ALL_KEYS);
  }

  /**
   * Returns {@link #get(JsonNode, String) get(object, name)}, but skips the scan for a key that
   * differs in case when {@code keyBits} proves that no key can match.
   *
   * @param keyBits {@link #keyBits} of {@code object}, or {@link #ALL_KEYS} when not known
   */
  static JsonNode get(JsonNode object, String name, long keyBits) {
    if (object == null || !object.isObject()) {
      return null;
    }
    if (object instanceof ShapedObjectNode shaped) {
      Shape shape = shaped.shape();
      if (shape != null) {
        return getShaped(shaped, shape, name);
      }
    }
    JsonNode exact = object.get(name);
    if (exact != null) {
      return exact.isNull() ? null : exact;
    }
    if (keyBits != ALL_KEYS && (keyBits & keyBit(name)) == 0) {
      return null;
    }
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      if (equalsIgnoreCase(entry.getKey(), name)) {
        return entry.getValue().isNull() ? null : entry.getValue();
      }
    }
    return null;
  }

  private static JsonNode getShaped(ShapedObjectNode object, Shape shape, String name) {
    int index = shape.find(name);
    if (index < 0) {
      return null;
    }
    JsonNode value = object.valueAt(index);
    return value == null || value.isNull() ? null : value;
  }

  /** The {@link #keyBits} of an object whose keys are not known: no lookup skips its scan. */
  static final long ALL_KEYS = -1L;

  /**
   * Returns the {@link #keyBit} of every key of an object ORed together, or 0 for a node that is
   * not an object. A name whose bit is clear equals no key ignoring case, so {@link #get(JsonNode,
   * String, long)} returns null without comparing it with every key.
   */
  static long keyBits(JsonNode object) {
    if (object instanceof ShapedObjectNode shaped) {
      Shape shape = shaped.shape();
      if (shape != null) {
        return shape.cached(KEY_BITS);
      }
    }
    long bits = 0;
    if (object != null && object.isObject()) {
      Iterator<String> keys = object.fieldNames();
      while (keys.hasNext()) {
        bits |= keyBit(keys.next());
      }
    }
    return bits;
  }

  private static long keyBits(List<String> keys) {
    long bits = 0;
    for (String key : keys) {
      bits |= keyBit(key);
    }
    return bits;
  }

  /**
   * Returns the filter bit of a name ({@link KeyFolds#bit}): names equal ignoring case ({@link
   * #equalsIgnoreCase}) have the same bit.
   */
  static long keyBit(String name) {
    return KeyFolds.bit(name);
  }

  /** Returns true when the object has the field with a non-null value (name case ignored). */
  static boolean has(JsonNode object, String name) {
    return get(object, name) != null;
  }

  /**
   * Follows a path of field names, decoding JSON-encoded strings between steps, and returns the
   * value at the end (itself decoded when it is a JSON-encoded object or array).
   */
  static JsonNode path(JsonNode node, String... names) {
    JsonNode current = node;
    for (String name : names) {
      current = decoded(get(decoded(current), name));
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  /**
   * Returns the text at a path: strings as they are, numbers and booleans as their JSON text, and
   * an Azure REST {@code {value, localizedValue}} object as its {@code value}. Returns {@code null}
   * for a missing value, an empty string, or another object or array.
   */
  static String text(JsonNode node, String... names) {
    return scalarText(path(node, names));
  }

  /**
   * Returns {@link #path(JsonNode, String...) path(object, name)} of a top-level field, skipping
   * the scan for a key in other case when {@code keyBits} ({@link #keyBits} of {@code object})
   * rules it out.
   */
  static JsonNode path(JsonNode object, long keyBits, String name) {
    if (object == null || !object.isObject()) {
      // A JSON-encoded object is decoded into other nodes than the bits describe.
      return path(object, name);
    }
    return decoded(get(object, name, keyBits));
  }

  /**
   * Returns {@link #text(JsonNode, String...) text(object, name)} of a top-level field, skipping
   * the scan for a key in other case when {@code keyBits} ({@link #keyBits} of {@code object})
   * rules it out.
   */
  static String text(JsonNode object, long keyBits, String name) {
    return scalarText(path(object, keyBits, name));
  }

  /** Returns the text of the first path in {@code paths} that has one; see {@link #text}. */
  static String firstText(JsonNode node, String[]... paths) {
    for (String[] names : paths) {
      String value = text(node, names);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** Returns the text of a single node; see {@link #text}. */
  static String scalarText(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (value.isObject()) {
      JsonNode inner = get(value, "value");
      return inner != null && inner.isValueNode() ? nonEmpty(inner.asText()) : null;
    }
    if (value.isArray()) {
      return null;
    }
    return nonEmpty(value.asText());
  }

  /**
   * Reads a boolean that may be a JSON boolean, a string ({@code "true"}, {@code "Yes"}), or an
   * object such as {@code {"value": true}}. Returns {@code null} when absent or unreadable.
   */
  static Boolean bool(JsonNode node, String... names) {
    return booleanOf(path(node, names));
  }

  /**
   * Returns {@link #bool(JsonNode, String...) bool(object, name)} of a top-level field, skipping
   * the scan for a key in other case when {@code keyBits} ({@link #keyBits} of {@code object})
   * rules it out.
   */
  static Boolean bool(JsonNode object, long keyBits, String name) {
    return booleanOf(path(object, keyBits, name));
  }

  private static Boolean booleanOf(JsonNode found) {
    if (found != null && found.isBoolean()) {
      // The common case, read without making and lower-casing the text "true" or "false".
      return found.booleanValue();
    }
    String value = scalarText(found);
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes" -> Boolean.TRUE;
      case "false", "no" -> Boolean.FALSE;
      default -> null;
    };
  }

  /**
   * Returns the node itself, or, when it is a string that contains a JSON object or array, the
   * parsed value. A string that fails to parse is returned unchanged.
   */
  static JsonNode decoded(JsonNode node) {
    if (node == null || !node.isTextual()) {
      return node;
    }
    String text = node.asText().trim();
    if (!(text.startsWith("{") && text.endsWith("}"))
        && !(text.startsWith("[") && text.endsWith("]"))) {
      return node;
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException notJson) {
      return node;
    }
  }

  /** Returns the elements of an array (decoded when it is a JSON-encoded string), else empty. */
  static List<JsonNode> elements(JsonNode maybeArray) {
    JsonNode array = decoded(maybeArray);
    List<JsonNode> result = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(result::add);
    }
    return result;
  }

  /**
   * Looks up {@code key} in an Entra-style list of {@code {"key": ..., "value": ...}} objects,
   * ignoring case, and returns its value text.
   */
  static String keyValue(JsonNode list, String key) {
    for (JsonNode entry : elements(list)) {
      String name = text(entry, "key");
      if (name != null && name.equalsIgnoreCase(key)) {
        return text(entry, "value");
      }
    }
    return null;
  }

  /** Returns up to {@code max} top-level field names, with a count of the rest. */
  static String describeKeys(JsonNode object, int max) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      names.add(entry.getKey());
    }
    if (names.size() <= max) {
      return "top-level keys " + names;
    }
    return "top-level keys " + names.subList(0, max) + " and " + (names.size() - max) + " more";
  }

  /**
   * Returns {@code key.equalsIgnoreCase(name)}. A missed lookup compares the name with every key of
   * the object, and keys of one length often share a prefix ({@code eventName}, {@code eventTime},
   * {@code errorCode}), so ASCII characters are compared inline and the loop stops at the first
   * pair that differs in more than case. From the first non-ASCII pair on, {@link
   * String#regionMatches(boolean, int, String, int, int)} decides.
   */
  static boolean equalsIgnoreCase(String key, String name) {
    int length = key.length();
    if (length != name.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char a = key.charAt(i);
      char b = name.charAt(i);
      if (a == b) {
        continue;
      }
      if (a >= 0x80 || b >= 0x80) {
        return key.regionMatches(true, i, name, i, length - i);
      }
      // Two different ASCII characters are equal ignoring case only when they are one letter in
      // upper and lower case, which differ in bit 0x20 alone.
      int lower = a | 0x20;
      if (lower != (b | 0x20) || lower < 'a' || lower > 'z') {
        return false;
      }
    }
    return true;
  }

  private static String nonEmpty(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
