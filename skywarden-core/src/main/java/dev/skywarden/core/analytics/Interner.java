package dev.skywarden.core.analytics;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance per distinct string, so that the operation names and wide networks kept in
 * many time buckets cost one string each instead of pinning a copy from every event.
 *
 * <p>Memory grows with the distinct strings added: callers add only values from bounded sets
 * (operation names, IPv4 /16 and IPv6 /32 networks). Thread-safe.
 */
final class Interner {

  private final ConcurrentHashMap<String, String> strings = new ConcurrentHashMap<>();

  /** Returns the shared instance equal to {@code value}, which becomes it when it is the first. */
  String intern(String value) {
    String shared = strings.putIfAbsent(value, value);
    return shared == null ? value : shared;
  }
}
