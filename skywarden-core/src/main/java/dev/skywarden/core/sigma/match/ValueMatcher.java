package dev.skywarden.core.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;

/** A compiled test of one rule value against field values. Implementations are immutable. */
interface ValueMatcher {

  /** Returns whether one field value (a scalar, or a container compared as JSON text) matches. */
  boolean test(JsonNode value);

  /**
   * Returns whether candidate {@code index} of {@code values} matches. Matchers that compare text
   * override it to use the texts {@link FieldValues} keeps, so the text of a value is built and
   * case-folded once per event, not once per rule value.
   */
  default boolean test(FieldValues values, int index) {
    return test(values.node(index));
  }

  /** Returns a relative cost: equality 1, wildcards up to 5, regular expressions 10. */
  int cost();

  /**
   * Returns the first candidate of {@code values} that matches (array elements before the array
   * itself), or null when none does. An empty {@code values} means the field is missing. Matchers
   * that compare with another field of the event ({@code fieldref}) read it from {@code event}.
   */
  default JsonNode findIn(FieldValues values, EventFields event) {
    for (int i = 0; i < values.size(); i++) {
      if (test(values, i)) {
        return values.node(i);
      }
    }
    return null;
  }
}
