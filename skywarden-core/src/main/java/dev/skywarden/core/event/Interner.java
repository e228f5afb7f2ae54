package dev.skywarden.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One shared instance per distinct value, so that events kept until the end of a hunt share their
 * repeated parts (accounts, regions, actors, addresses, user agents, operations, clients) instead
 * of pinning a copy from every event. Values must be immutable with value equality (strings,
 * records of them, immutable lists).
 *
 * <p>Memory grows with the distinct values added, which are never released unless the interner was
 * created with a maximum, so an interner belongs to one batch run and not to a long-running stream.
 * Thread-safe.
 */
public final class Interner {

  private final ConcurrentHashMap<Object, Object> values = new ConcurrentHashMap<>();

  /** The number of values at which the interner clears all of them, or 0 for no limit. */
  private final int maxValues;

  /**
   * The values added since the last clear, counted only with a maximum. {@link
   * ConcurrentHashMap#size()} sums the map's counter cells, and the interner of kept finding values
   * checks the bound on most calls, because most of its values are new.
   */
  private final AtomicInteger added = new AtomicInteger();

  /** Creates an interner that keeps every value it is given until it is unreachable itself. */
  public Interner() {
    this.maxValues = 0;
  }

  /**
   * Creates an interner that clears all its values once it contains {@code maxValues} of them, for
   * callers that drop most values they intern. Values returned before stay valid but are no longer
   * shared with later ones.
   *
   * @throws IllegalArgumentException when {@code maxValues} is not positive
   */
  public Interner(int maxValues) {
    if (maxValues <= 0) {
      throw new IllegalArgumentException("maxValues must be positive: " + maxValues);
    }
    this.maxValues = maxValues;
  }

  /**
   * Returns the shared instance equal to {@code value}, which becomes it when it is the first, or
   * null for null.
   */
  @SuppressWarnings("unchecked") // the map only ever maps a value to an equal one of its class
  public <T> T intern(T value) {
    if (value == null) {
      return null;
    }
    // get first: putIfAbsent locks the bin even when the value is there, which it mostly is.
    Object shared = values.get(value);
    if (shared != null) {
      return (T) shared;
    }
    if (maxValues == 0) {
      shared = values.putIfAbsent(value, value);
      return shared == null ? value : (T) shared;
    }
    // NOTE: a value that another thread adds between a clear and the counter's reset goes
    // uncounted, so under concurrent use the map may hold a few values more than the maximum.
    if (added.get() >= maxValues) {
      values.clear();
      added.set(0);
    }
    shared = values.putIfAbsent(value, value);
    if (shared == null) {
      added.incrementAndGet();
      return value;
    }
    return (T) shared;
  }

  /** Returns the number of shared instances held. */
  public int size() {
    return values.size();
  }

  /**
   * Returns a copy of {@code event} with {@code raw} in place of its record and shared instances of
   * its account, region, actor, credential, source, user agent, operation, outcome, resources and
   * client. The time, event id and location stay the event's own.
   */
  public CloudEvent internParts(CloudEvent event, JsonNode raw) {
    return new CloudEvent(
        event.time(),
        event.kind(),
        event.eventId(),
        intern(event.account()),
        intern(event.region()),
        intern(event.actor()),
        intern(event.credential()),
        intern(event.source()),
        intern(event.userAgent()),
        intern(event.api()),
        intern(event.outcome()),
        intern(event.resources()),
        intern(event.client()),
        raw,
        event.location());
  }
}
