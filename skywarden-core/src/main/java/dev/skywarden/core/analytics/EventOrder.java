package dev.skywarden.core.analytics;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.skywarden.core.event.CloudEvent;
import java.util.Comparator;

/** The total order that picks the first event of a value, and the slimmed copy that is kept. */
final class EventOrder {

  /** Time, then source location, then event id: total over the events of one hunt. */
  static final Comparator<CloudEvent> FIRST =
      Comparator.comparing(CloudEvent::time)
          .thenComparing(CloudEvent::location)
          .thenComparing(CloudEvent::eventId);

  private EventOrder() {}

  /** Returns true when {@code candidate} comes before {@code current}, or current is null. */
  static boolean earlier(CloudEvent candidate, CloudEvent current) {
    return current == null || FIRST.compare(candidate, current) < 0;
  }

  /**
   * The slimmed copy of one event, made once on first use and shared by every profile, bucket and
   * feature value that keeps the event as evidence, so an event kept in many places costs one copy.
   * Not thread-safe: one instance serves one event on one thread.
   */
  static final class Shared {
    private final CloudEvent event;
    private CloudEvent slim;

    Shared(CloudEvent event) {
      this.event = event;
    }

    /** Returns the full event, for comparisons. */
    CloudEvent event() {
      return event;
    }

    /** Returns the slimmed copy, making it on the first call. */
    CloudEvent slim() {
      if (slim == null) {
        slim = EventOrder.slim(event);
      }
      return slim;
    }
  }

  /**
   * Returns the event without its raw record, which profiles do not need and which would make their
   * memory grow with the size of records.
   */
  static CloudEvent slim(CloudEvent event) {
    if (event.raw().isNull()) {
      return event;
    }
    return new CloudEvent(
        event.time(),
        event.kind(),
        event.eventId(),
        event.account(),
        event.region(),
        event.actor(),
        event.credential(),
        event.source(),
        event.userAgent(),
        event.api(),
        event.outcome(),
        event.resources(),
        event.client(),
        NullNode.getInstance(),
        event.location());
  }
}
