package dev.skywarden.core.sigma.match;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of one rule evaluation against one event: the event's fields and the trace when an
 * explanation is wanted. The fields are a cache that the evaluations of other rules against the
 * same event may share. Not thread-safe. Each traced evaluation creates its own, while the
 * evaluations without a trace share the {@link EventFields#matchingContext()} of their event.
 */
final class EventContext {

  private final EventFields eventFields;
  private final boolean tracing;
  private int traceSuspended;

  /** The selection hits of the trace, or null when the context does not trace. */
  private final List<MatchExplanation.SelectionHit> selections;

  /** The field hits not yet moved into a selection hit, or null when the context does not trace. */
  private final List<MatchExplanation.FieldHit> fields;

  EventContext(EventFields eventFields, boolean tracing) {
    this.eventFields = eventFields;
    this.tracing = tracing;
    this.selections = tracing ? new ArrayList<>() : null;
    this.fields = tracing ? new ArrayList<>() : null;
  }

  EventFields eventFields() {
    return eventFields;
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
    if (!tracing) {
      return 0;
    }
    return ((long) selections.size() << 32) | fields.size();
  }

  /** Drops the hits recorded since {@code mark}. */
  void reset(long mark) {
    if (tracing) {
      truncate(selections, (int) (mark >>> 32));
      truncate(fields, (int) mark);
    }
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
}
