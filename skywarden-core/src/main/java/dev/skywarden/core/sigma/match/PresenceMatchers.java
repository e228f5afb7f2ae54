package dev.skywarden.core.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;

/**
 * Matchers that look at whether a field is there rather than at its text. They return {@link
 * MissingNode} as the hit when the match is the field's absence.
 */
final class PresenceMatchers {

  private PresenceMatchers() {}

  /** The {@code null} value: the field is missing or JSON null. */
  record NullMatcher() implements ValueMatcher {
    @Override
    public boolean test(JsonNode node) {
      return node.isNull() || node.isMissingNode();
    }

    @Override
    public JsonNode findIn(FieldValues fieldValues, EventFields event) {
      List<JsonNode> values = fieldValues.values();
      if (values.isEmpty()) {
        return MissingNode.getInstance();
      }
      for (JsonNode value : values) {
        if (value.isNull()) {
          return value;
        }
      }
      return null;
    }

    @Override
    public int cost() {
      return 1;
    }
  }

  /** The {@code exists} modifier: the field is present (any value) or absent. */
  record ExistsMatcher(boolean expected) implements ValueMatcher {
    @Override
    public boolean test(JsonNode node) {
      return expected != node.isMissingNode();
    }

    @Override
    public JsonNode findIn(FieldValues fieldValues, EventFields event) {
      List<JsonNode> values = fieldValues.values();
      if (expected) {
        return values.isEmpty() ? null : values.get(0);
      }
      return values.isEmpty() ? MissingNode.getInstance() : null;
    }

    @Override
    public int cost() {
      return 1;
    }
  }
}
