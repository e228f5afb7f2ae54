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
    private final Interner interner;
    private CloudEvent slim;
    private String wideNetwork;

    Shared(CloudEvent event, Interner interner) {
      this.event = event;
      this.interner = interner;
    }

    /** Returns the full event, for comparisons. */
    CloudEvent event() {
      return event;
    }

    /**
     * Returns the shared instance of the wide network of the event's source ({@link
     * Profile#wideNetwork(CloudEvent, java.net.InetAddress)}), or null without an address; made
     * once per event for all its profiles.
     */
    String wideNetwork() {
      if (wideNetwork == null) {
        java.net.InetAddress ip = event.source().ip();
        if (ip == null) {
          return null;
        }
        wideNetwork = interner.intern(Profile.wideNetwork(event, ip));
      }
      return wideNetwork;
    }

    /** Returns the slimmed copy, making it on the first call. */
    CloudEvent slim() {
      if (slim == null) {
        slim = EventOrder.slim(event, interner);
      }
      return slim;
    }
  }

  /**
   * Returns the event without its raw record, which profiles do not need and which would make their
   * memory grow with the size of records. The parts that repeat across events (account, region,
   * actor, credential, source address, user agent, operation, client) are replaced by equal shared
   * instances, so kept evidence does not pin a copy of them per event. The event id, outcome,
   * resources and location stay the event's own.
   */
  static CloudEvent slim(CloudEvent event, Interner interner) {
    return new CloudEvent(
        event.time(),
        event.kind(),
        event.eventId(),
        interner.intern(event.account()),
        interner.intern(event.region()),
        interner.intern(event.actor()),
        interner.intern(event.credential()),
        interner.intern(event.source()),
        interner.intern(event.userAgent()),
        interner.intern(event.api()),
        event.outcome(),
        event.resources(),
        interner.intern(event.client()),
        NullNode.getInstance(),
        event.location());
  }
}
