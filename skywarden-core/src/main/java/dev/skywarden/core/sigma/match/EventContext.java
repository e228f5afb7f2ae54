package dev.skywarden.core.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one rule evaluation against one event: the document, its scalar values for keyword
 * search (gathered on first use), and the trace when an explanation is wanted. Not thread-safe; one
 * per evaluation.
 */
final class EventContext {

  private final JsonNode document;
  private List<JsonNode> keywordValues;
  private final boolean tracing;
  private int traceSuspended;
  private final List<MatchExplanation.SelectionHit> selections = new ArrayList<>();
  private final List<MatchExplanation.FieldHit> fields = new ArrayList<>();

  EventContext(JsonNode document, boolean tracing) {
    this.document = document;
    this.tracing = tracing;
  }

  JsonNode document() {
    return document;
  }

  /** Returns every non-null scalar of the document, for keyword search. */
  List<JsonNode> keywordValues() {
    if (keywordValues == null) {
      keywordValues = new ArrayList<>();
      collectScalars(document, keywordValues);
    }
    return keywordValues;
  }

  boolean tracing() {
    return tracing && traceSuspended == 0;
  }

  /** Stops recording hits until {@link #resumeTrace}, as under a {@code not}. */
  void suspendTrace() {
    traceSuspended++;
  }

  void resumeTrace() {
    traceSuspended--;
  }

  /** Returns a mark to pass to {@link #reset} when the part evaluated after it fails. */
  long mark() {
    return ((long) selections.size() << 32) | fields.size();
  }

  /** Drops the hits recorded since {@code mark}. */
  void reset(long mark) {
    truncate(selections, (int) (mark >>> 32));
    truncate(fields, (int) mark);
  }

  void recordField(String field, String value) {
    if (tracing()) {
      String shown =
          value.length() > MatchExplanation.MAX_VALUE_CHARS
              ? value.substring(0, MatchExplanation.MAX_VALUE_CHARS) + "..."
              : value;
      fields.add(new MatchExplanation.FieldHit(field, shown));
    }
  }

  /** Moves the field hits recorded since {@code fieldMark} into a hit for {@code identifier}. */
  void recordSelection(String identifier, long fieldMark) {
    if (tracing()) {
      int from = (int) fieldMark;
      List<MatchExplanation.FieldHit> hits = new ArrayList<>(fields.subList(from, fields.size()));
      truncate(fields, from);
      selections.add(new MatchExplanation.SelectionHit(identifier, hits));
    }
  }

  MatchExplanation explanation() {
    return new MatchExplanation(selections);
  }

  private static <T> void truncate(List<T> list, int size) {
    if (list.size() > size) {
      list.subList(size, list.size()).clear();
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
