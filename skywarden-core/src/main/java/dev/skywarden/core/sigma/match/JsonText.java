package dev.skywarden.core.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The text a JSON value is compared as: scalars as their text, containers as canonical JSON. */
final class JsonText {

  private JsonText() {}

  /**
   * Returns the comparison text of {@code node}, or null for JSON null and missing nodes. Numbers
   * and booleans give their JSON text; objects and arrays give compact JSON with object keys
   * sorted.
   */
  static String of(JsonNode node) {
    if (node instanceof TextNode text) {
      return text.textValue();
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isValueNode()) {
      return node.asText();
    }
    StringBuilder text = new StringBuilder();
    appendCanonical(node, text);
    return text.toString();
  }

  private static void appendCanonical(JsonNode node, StringBuilder text) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
      Collections.sort(entries, Map.Entry.comparingByKey());
      text.append('{');
      for (int i = 0; i < entries.size(); i++) {
        if (i > 0) {
          text.append(',');
        }
        text.append(TextNode.valueOf(entries.get(i).getKey()));
        text.append(':');
        appendCanonical(entries.get(i).getValue(), text);
      }
      text.append('}');
    } else if (node.isArray()) {
      text.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          text.append(',');
        }
        appendCanonical(node.get(i), text);
      }
      text.append(']');
    } else {
      text.append(node.toString());
    }
  }
}
