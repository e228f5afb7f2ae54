package dev.skywarden.core.analytics;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Interner;
import java.util.Comparator;

/** The total order that picks the first event of a value, and the evidence that is kept of it. */
final class EventOrder {

  /** Time, then source location, then event id: total over the events of one hunt. */
  static final Comparator<CloudEvent> FIRST = EventOrder::compare;

  private EventOrder() {}

  /**
   * Compares by time, then source location, then event id. Written out instead of chained {@code
   * Comparator.thenComparing} calls, because every event of a profile runs it several times.
   */
  private static int compare(CloudEvent left, CloudEvent right) {
    int byTime = left.time().compareTo(right.time());
    if (byTime != 0) {
      return byTime;
    }
    int byLocation = left.location().compareTo(right.location());
    return byLocation != 0 ? byLocation : left.eventId().compareTo(right.eventId());
  }

  /** Returns true when {@code candidate} comes before {@code current}, or current is null. */
  static boolean earlier(CloudEvent candidate, CloudEvent current) {
    return current == null || FIRST.compare(candidate, current) < 0;
  }

  /** Returns true when {@code candidate} comes before the kept {@code current}, or it is null. */
  static boolean earlier(CloudEvent candidate, Evidence current, InputNames inputs) {
    return current == null || current.compareTo(candidate, inputs) > 0;
  }

  /**
   * Compares two kept events in the order of {@link #FIRST}: negative when {@code left} comes
   * first, zero when both are the same event.
   *
   * @param inputs the names of the inputs that references point to
   */
  static int compare(Evidence left, Evidence right, InputNames inputs) {
    if (right instanceof Evidence.Copy copy) {
      return left.compareTo(copy.event(), inputs);
    }
    if (left instanceof Evidence.Copy copy) {
      return -right.compareTo(copy.event(), inputs);
    }
    Evidence.Reference leftReference = (Evidence.Reference) left;
    Evidence.Reference rightReference = (Evidence.Reference) right;
    int order = leftReference.time().compareTo(rightReference.time());
    if (order != 0) {
      return order;
    }
    order = inputs.name(leftReference.input()).compareTo(inputs.name(rightReference.input()));
    // One record is one event, so the line and event id that FIRST compares next are equal
    // whenever the record index is.
    return order != 0
        ? order
        : Long.compare(leftReference.recordIndex(), rightReference.recordIndex());
  }

  /**
   * The evidence of one event and its slimmed copy, each made once on first use and shared by every
   * profile, bucket and feature value that keeps the event, so an event kept in many places costs
   * one. Not thread-safe: one instance serves one event on one thread.
   */
  static final class Shared {
    private final CloudEvent event;
    private final Interner interner;
    private final EvidenceStore store;
    private final WideNetworks wideNetworks;
    private CloudEvent slim;
    private Evidence evidence;
    private String wideNetwork;
    private String operation;

    /** Creates the shared parts of one event that interns its wide network on first use. */
    Shared(CloudEvent event, Interner interner, EvidenceStore store) {
      this(event, interner, store, null);
    }

    /**
     * Creates the shared parts of one event.
     *
     * @param wideNetworks the run's wide networks, whose instances are those of {@code interner},
     *     or null to intern the event's wide network
     */
    Shared(CloudEvent event, Interner interner, EvidenceStore store, WideNetworks wideNetworks) {
      this.event = event;
      this.interner = interner;
      this.store = store;
      this.wideNetworks = wideNetworks;
    }

    /** Returns the names of the inputs that evidence references point to. */
    InputNames inputs() {
      return store.inputs();
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
        wideNetwork =
            wideNetworks != null
                ? wideNetworks.of(event, ip)
                : interner.intern(Profile.wideNetwork(event, ip));
      }
      return wideNetwork;
    }

    /**
     * Sets the shared instance of the event's operation name, such as the one the feature extractor
     * passed, so that {@link #operation()} need not intern it.
     */
    void operation(String shared) {
      this.operation = shared;
    }

    /**
     * Returns the shared instance of the event's operation name, interned on the first call unless
     * it was set, or null when the event has none.
     */
    String operation() {
      if (operation == null) {
        operation = interner.intern(event.api().operation());
      }
      return operation;
    }

    /** Returns the slimmed copy, making it on the first call. */
    CloudEvent slim() {
      if (slim == null) {
        slim = EventOrder.slim(event, interner);
      }
      return slim;
    }

    /**
     * Returns the evidence of the event, making it on the first call: a reference or the slimmed
     * copy, as the run's {@link EvidenceStore} keeps them.
     */
    Evidence evidence() {
      if (evidence == null) {
        evidence = store.keepsReferences() ? store.keep(event) : new Evidence.Copy(slim());
      }
      return evidence;
    }
  }

  /**
   * Returns the event without its raw record, which profiles do not need and which would make their
   * memory grow with the size of records. The parts that repeat across events are replaced by equal
   * shared instances ({@link Interner#internParts}), so kept evidence does not pin a copy of them
   * per event.
   */
  static CloudEvent slim(CloudEvent event, Interner interner) {
    return interner.internParts(event, NullNode.getInstance());
  }
}
