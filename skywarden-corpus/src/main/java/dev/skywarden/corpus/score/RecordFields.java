package dev.skywarden.corpus.score;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of the fields of one JSON record; each failure names the field. */
final class RecordFields {

  private RecordFields() {}

  /**
   * Returns a string field.
   *
   * @throws IllegalArgumentException when the field is missing or not a string
   */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' is missing or not a string");
    }
    return value.asText();
  }

  /** Returns a string field, or {@code null} when it is missing or JSON null. */
  static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /**
   * Returns an array field as strings.
   *
   * @throws IllegalArgumentException when the field is missing or not an array
   */
  static List<String> texts(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      throw new IllegalArgumentException("field '" + field + "' is missing or not an array");
    }
    List<String> texts = new ArrayList<>();
    value.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  /**
   * Returns an ISO-8601 time field.
   *
   * @throws IllegalArgumentException when the field is missing or not such a time
   */
  static Instant time(JsonNode node, String field) {
    String text = text(node, field);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "field '" + field + "' is not an ISO-8601 time: '" + text + "'", e);
    }
  }
}
