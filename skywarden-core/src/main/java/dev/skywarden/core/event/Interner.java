package dev.skywarden.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance per distinct value, so that events kept until the end of a hunt share their
 * repeated parts (accounts, regions, actors, addresses, user agents, operations, clients) instead
 * of pinning a copy from every event. Values must be immutable with value equality (strings,
 * records of them, immutable lists).
 *
 * <p>Memory grows with the distinct values added, which are never released, so an interner belongs
 * to one batch run and not to a long-running stream. Thread-safe.
 */
public final class Interner {

  private final ConcurrentHashMap<Object, Object> values = new ConcurrentHashMap<>();

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
    if (shared == null) {
      shared = values.putIfAbsent(value, value);
    }
    return shared == null ? value : (T) shared;
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
