package dev.skywarden.core.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.sigma.value.SigmaFieldRef;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fieldref}: a field value matches when it equals (or starts with, ends with, contains, per
 * the modifiers after {@code fieldref}) a value of the referenced field of the same event. Text is
 * case-folded unless {@code cased}. A missing or null referenced field matches nothing.
 */
final class FieldRefMatcher implements ValueMatcher {

  private final SigmaFieldRef reference;
  private final FieldPath referencePath;
  private final boolean cased;

  FieldRefMatcher(SigmaFieldRef reference, FieldPath referencePath, boolean cased) {
    this.reference = reference;
    this.referencePath = referencePath;
    this.cased = cased;
  }

  /** Returns false: a reference cannot be checked without the event it points into. */
  @Override
  public boolean test(JsonNode value) {
    return false;
  }

  @Override
  public JsonNode findIn(List<JsonNode> values, JsonNode document) {
    List<String> referenced = new ArrayList<>();
    for (String text : referencePath.resolveTexts(document)) {
      referenced.add(normalize(text));
    }
    if (referenced.isEmpty()) {
      return null;
    }
    for (JsonNode value : values) {
      JsonNode hit = findIn(value, referenced);
      if (hit != null) {
        return hit;
      }
    }
    return null;
  }

  private JsonNode findIn(JsonNode value, List<String> referenced) {
    if (value.isArray()) {
      for (JsonNode element : value) {
        JsonNode hit = findIn(element, referenced);
        if (hit != null) {
          return hit;
        }
      }
    }
    String text = JsonText.of(value);
    if (text == null) {
      return null;
    }
    String candidate = normalize(text);
    for (String other : referenced) {
      if (compare(candidate, other)) {
        return value;
      }
    }
    return null;
  }

  private boolean compare(String candidate, String other) {
    if (reference.anyBefore() && reference.anyAfter()) {
      return candidate.contains(other);
    }
    if (reference.anyBefore()) {
      return candidate.endsWith(other);
    }
    if (reference.anyAfter()) {
      return candidate.startsWith(other);
    }
    return candidate.equals(other);
  }

  private String normalize(String text) {
    return cased ? text : CaseFolding.fold(text);
  }

  @Override
  public int cost() {
    return 4;
  }

  @Override
  public String toString() {
    return (cased ? "cased " : "") + reference;
  }
}
