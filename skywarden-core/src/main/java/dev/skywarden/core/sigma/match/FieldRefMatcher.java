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
  public JsonNode findIn(FieldValues values, EventFields event) {
    FieldValues referenced = event.get(referencePath);
    List<String> others = new ArrayList<>(referenced.size());
    for (int i = 0; i < referenced.size(); i++) {
      String other = normalized(referenced, i);
      if (other != null) {
        others.add(other);
      }
    }
    if (others.isEmpty()) {
      return null;
    }
    for (int i = 0; i < values.size(); i++) {
      String candidate = normalized(values, i);
      if (candidate == null) {
        continue;
      }
      for (String other : others) {
        if (compare(candidate, other)) {
          return values.node(i);
        }
      }
    }
    return null;
  }

  private String normalized(FieldValues values, int index) {
    return cased ? values.text(index) : values.foldedText(index);
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

  @Override
  public int cost() {
    return 4;
  }

  @Override
  public String toString() {
    return (cased ? "cased " : "") + reference;
  }
}
