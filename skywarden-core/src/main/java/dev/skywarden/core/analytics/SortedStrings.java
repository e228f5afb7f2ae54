package dev.skywarden.core.analytics;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Small sorted sets of distinct strings for the few operations and networks of a time bucket, held
 * in one field of type {@code Object}: {@code null} for none, the {@link String} itself for one
 * value, and a sorted {@code String[]} for more. Most buckets hold one network and a few
 * operations, so this costs nothing or one array where a {@link java.util.TreeSet} costs about 40
 * bytes per value and 64 per set, and a wrapper object 16 more.
 *
 * <p>Adding copies the array, so it suits sets of tens of values. Not thread-safe: the owning
 * {@link Profile} guards the field with its lock.
 */
final class SortedStrings {

  private SortedStrings() {}

  /**
   * Returns the set with {@code value} added, keeping the {@code max} smallest in {@link String}
   * order so that the kept set does not depend on arrival order. Returns {@code set} itself when
   * the value is in it or falls beyond a full set.
   *
   * @param set {@code null}, a {@link String} or a sorted {@code String[]} made by this method
   * @param max the most values kept, at least 1
   */
  static Object add(Object set, String value, int max) {
    if (set == null) {
      return value;
    }
    String[] values = array(set);
    int at = Arrays.binarySearch(values, value);
    if (at >= 0) {
      return set;
    }
    int insert = -at - 1;
    if (values.length >= max && insert >= values.length) {
      return set;
    }
    int length = Math.min(values.length + 1, max);
    if (length == 1) {
      return value;
    }
    String[] grown = new String[length];
    System.arraycopy(values, 0, grown, 0, insert);
    grown[insert] = value;
    System.arraycopy(values, insert, grown, insert + 1, length - insert - 1);
    return grown;
  }

  /** Returns whether the set contains {@code value}. */
  static boolean contains(Object set, String value) {
    if (set == null) {
      return false;
    }
    if (set instanceof String single) {
      return single.equals(value);
    }
    return Arrays.binarySearch((String[]) set, value) >= 0;
  }

  /** Returns how many values the set holds. */
  static int size(Object set) {
    if (set == null) {
      return 0;
    }
    return set instanceof String ? 1 : ((String[]) set).length;
  }

  /** Returns the values in ascending order as an unmodifiable list. */
  static List<String> values(Object set) {
    if (set == null) {
      return List.of();
    }
    if (set instanceof String single) {
      return List.of(single);
    }
    return Collections.unmodifiableList(Arrays.asList((String[]) set));
  }

  private static String[] array(Object set) {
    return set instanceof String single ? new String[] {single} : (String[]) set;
  }
}
