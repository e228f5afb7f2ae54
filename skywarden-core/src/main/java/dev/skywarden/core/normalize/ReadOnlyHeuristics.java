package dev.skywarden.core.normalize;

import java.util.List;
import java.util.Locale;

/** Guesses from its name whether an operation only reads, for logs without a read-only flag. */
final class ReadOnlyHeuristics {

  private static final List<String> READ_PREFIXES = List.of("get", "list", "describe", "head");

  private ReadOnlyHeuristics() {}

  /**
   * Returns {@code TRUE} for an operation name that starts with Get, List, Describe or Head, else
   * {@code null}: other names may still be reads ({@code BatchGetItem}, {@code Query}).
   */
  static Boolean fromNamePrefix(String operation) {
    if (operation == null) {
      return null;
    }
    String lower = operation.toLowerCase(Locale.ROOT);
    for (String prefix : READ_PREFIXES) {
      if (lower.startsWith(prefix)) {
        return Boolean.TRUE;
      }
    }
    return null;
  }
}
