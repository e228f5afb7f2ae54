package dev.skywarden.core.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One event's document with a cache of its resolved fields, shared by every rule evaluated against
 * the event. Not thread-safe: create one per event and per thread, and do not change the document
 * while it is in use.
 *
 * <p>Each {@link FieldPath} is resolved at most once per event, and the texts and case-folded texts
 * of its values are computed at most once, however many rules and values test the field. Paths are
 * told apart by {@link FieldPath#id()}, so two rules that name the same field with the same mapping
 * share one entry.
 */
public final class EventFields {

  private static final int INITIAL_CAPACITY = 16;

  private final JsonNode document;
  private int[] keys = new int[INITIAL_CAPACITY];
  private FieldValues[] entries = new FieldValues[INITIAL_CAPACITY];
  private int size;
  private FieldValues keywordValues;

  /** The context of every evaluation without a trace against this event, made on first use. */
  private EventContext matchingContext;

  /** Creates an empty cache for {@code document}. */
  public EventFields(JsonNode document) {
    this.document = Objects.requireNonNull(document, "document");
  }

  /** Returns the event's document. */
  public JsonNode document() {
    return document;
  }

  /**
   * Calls {@code action} with the comparison text ({@link JsonText}) of each value {@code path}
   * reaches, array elements included (see {@link FieldPath#resolveTexts}); JSON null gives nothing.
   */
  public void forEachText(FieldPath path, Consumer<String> action) {
    FieldValues values = get(path);
    for (int i = 0; i < values.size(); i++) {
      String text = values.text(i);
      if (text != null) {
        action.accept(text);
      }
    }
  }

  /** Returns the values of {@code path} in this event, resolving it on first use. */
  FieldValues get(FieldPath path) {
    // Open addressing with linear probing; a key is the path id plus one, so 0 marks a free slot.
    int key = path.id() + 1;
    int mask = keys.length - 1;
    int slot = key & mask;
    while (keys[slot] != 0) {
      if (keys[slot] == key) {
        return entries[slot];
      }
      slot = (slot + 1) & mask;
    }
    FieldValues values = FieldValues.of(path.resolve(document));
    keys[slot] = key;
    entries[slot] = values;
    size++;
    if (size * 2 > keys.length) {
      grow();
    }
    return values;
  }

  /**
   * Returns the context in which rules are evaluated without a trace against this event. One is
   * enough, because a context without a trace records nothing that one evaluation could leave for
   * the next.
   */
  EventContext matchingContext() {
    if (matchingContext == null) {
      matchingContext = new EventContext(this, false);
    }
    return matchingContext;
  }

  /** Returns every non-null scalar of the document, for keyword search, gathered on first use. */
  FieldValues keywordValues() {
    if (keywordValues == null) {
      List<JsonNode> scalars = new ArrayList<>();
      collectScalars(document, scalars);
      keywordValues = FieldValues.ofScalars(scalars);
    }
    return keywordValues;
  }

  private void grow() {
    int[] oldKeys = keys;
    FieldValues[] oldEntries = entries;
    keys = new int[oldKeys.length * 2];
    entries = new FieldValues[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        int slot = oldKeys[i] & mask;
        while (keys[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        entries[slot] = oldEntries[i];
      }
    }
  }

  private static void collectScalars(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        collectScalars(child, out);
      }
    } else if (!node.isNull() && !node.isMissingNode()) {
      out.add(node);
    }
  }
}
