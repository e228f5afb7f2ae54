package dev.skywarden.core.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The values one field path reached in one event, with their comparison texts and case-folded texts
 * computed on first use and then kept. Not thread-safe; it belongs to one {@link EventFields}.
 *
 * <p>A value matcher tests the <em>candidates</em> of a field: each value the path reached and,
 * before an array value, its elements (depth first). Testing the candidates in index order gives
 * the same first hit as looking into each array element by element and then at the whole array.
 */
final class FieldValues {

  private final List<JsonNode> values;
  private final JsonNode[] candidates;
  private String[] texts;
  private String[] foldedTexts;

  private FieldValues(List<JsonNode> values, JsonNode[] candidates) {
    this.values = values;
    this.candidates = candidates;
  }

  /** Returns the values of {@code values}, a field path's result, and their candidates. */
  static FieldValues of(List<JsonNode> values) {
    if (values.size() == 1 && !values.get(0).isArray()) {
      return new FieldValues(values, new JsonNode[] {values.get(0)});
    }
    List<JsonNode> flat = new ArrayList<>(values.size());
    for (JsonNode value : values) {
      flatten(value, flat);
    }
    return new FieldValues(values, flat.toArray(new JsonNode[0]));
  }

  /** Returns scalars, none of them an array, as the candidates of a keyword search. */
  static FieldValues ofScalars(List<JsonNode> scalars) {
    return new FieldValues(scalars, scalars.toArray(new JsonNode[0]));
  }

  private static void flatten(JsonNode value, List<JsonNode> flat) {
    if (value.isArray()) {
      for (JsonNode element : value) {
        flatten(element, flat);
      }
    }
    flat.add(value);
  }

  /** Returns the values the path reached, in document order; empty when the field is missing. */
  List<JsonNode> values() {
    return values;
  }

  /** Returns the number of candidates. */
  int size() {
    return candidates.length;
  }

  /** Returns candidate {@code index}. */
  JsonNode node(int index) {
    return candidates[index];
  }

  /** Returns the comparison text of candidate {@code index} ({@link JsonText}), or null. */
  String text(int index) {
    if (texts == null) {
      texts = new String[candidates.length];
      for (int i = 0; i < candidates.length; i++) {
        texts[i] = JsonText.of(candidates[i]);
      }
    }
    return texts[index];
  }

  /** Returns the case-folded comparison text of candidate {@code index}, or null. */
  String foldedText(int index) {
    if (foldedTexts == null) {
      foldedTexts = new String[candidates.length];
      for (int i = 0; i < candidates.length; i++) {
        String text = text(i);
        foldedTexts[i] = text == null ? null : CaseFolding.foldRemembered(text);
      }
    }
    return foldedTexts[index];
  }
}
