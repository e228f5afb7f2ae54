package dev.skywarden.core.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A compiled test of one rule value against field values. Implementations are immutable. */
interface ValueMatcher {

  /** Returns whether one field value (a scalar, or a container compared as JSON text) matches. */
  boolean test(JsonNode value);

  /** Returns a relative cost: equality 1, wildcards up to 5, regular expressions 10. */
  int cost();

  /**
   * Returns the first of {@code values} that matches, looking into arrays element by element and
   * then at the whole array, or null when none does. {@code values} are what a {@link FieldPath}
   * resolved; an empty list means the field is missing.
   */
  default JsonNode findIn(List<JsonNode> values) {
    for (JsonNode value : values) {
      JsonNode hit = findIn(value);
      if (hit != null) {
        return hit;
      }
    }
    return null;
  }

  /**
   * Returns the first of {@code values} that matches, as {@link #findIn(List)} does; matchers that
   * compare with another field of the event ({@code fieldref}) read it from {@code document}.
   */
  default JsonNode findIn(List<JsonNode> values, JsonNode document) {
    return findIn(values);
  }

  private JsonNode findIn(JsonNode value) {
    if (value.isArray()) {
      for (JsonNode element : value) {
        JsonNode hit = findIn(element);
        if (hit != null) {
          return hit;
        }
      }
    }
    return test(value) ? value : null;
  }
}
