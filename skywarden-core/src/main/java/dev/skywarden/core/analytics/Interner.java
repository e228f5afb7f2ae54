package dev.skywarden.core.analytics;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance per distinct value, so that the operation names and wide networks kept in
 * many time buckets, and the actors, operations and clients of kept evidence, cost one object each
 * instead of pinning a copy from every event. Values must be immutable with value equality
 * (strings, records of them).
 *
 * <p>Memory grows with the distinct values added, which are never released: callers add only values
 * that a profile keeps for the whole run anyway (operation names, networks, actors, credentials,
 * source addresses, accounts, regions, user agents, clients). Thread-safe.
 */
final class Interner {

  private final ConcurrentHashMap<Object, Object> values = new ConcurrentHashMap<>();

  /**
   * Returns the shared instance equal to {@code value}, which becomes it when it is the first, or
   * null for null.
   */
  @SuppressWarnings("unchecked") // the map only ever maps a value to an equal one of its class
  <T> T intern(T value) {
    if (value == null) {
      return null;
    }
    Object shared = values.putIfAbsent(value, value);
    return shared == null ? value : (T) shared;
  }
}
