package dev.skywarden.core.analytics;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A small sorted set of distinct strings in one array, for the few operations and networks of a
 * time bucket: a {@link java.util.TreeSet} costs about 40 bytes per value and 64 per set on top of
 * the array's 4 or 8 bytes per value. Adding copies the array, so it suits sets of tens of values.
 *
 * <p>Not thread-safe: the owning {@link Profile} guards it with its lock.
 */
final class SortedStrings {

  private static final String[] EMPTY = new String[0];

  private String[] values = EMPTY;

  /**
   * Adds a value, keeping the {@code max} smallest in {@link String} order so that the kept set
   * does not depend on arrival order.
   *
   * @return whether the set changed
   */
  boolean addBounded(String value, int max) {
    int at = Arrays.binarySearch(values, value);
    if (at >= 0) {
      return false;
    }
    int insert = -at - 1;
    if (values.length >= max && insert >= values.length) {
      return false;
    }
    int length = Math.min(values.length + 1, max);
    String[] grown = new String[length];
    System.arraycopy(values, 0, grown, 0, insert);
    grown[insert] = value;
    System.arraycopy(values, insert, grown, insert + 1, length - insert - 1);
    values = grown;
    return true;
  }

  boolean contains(String value) {
    return Arrays.binarySearch(values, value) >= 0;
  }

  int size() {
    return values.length;
  }

  /** Returns the values in ascending order as an unmodifiable view. */
  List<String> values() {
    return Collections.unmodifiableList(Arrays.asList(values));
  }
}
