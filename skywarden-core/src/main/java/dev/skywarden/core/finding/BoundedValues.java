package dev.skywarden.core.finding;

import dev.skywarden.core.event.Interner;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link FindingAggregator#MAX_VALUES} smallest distinct values added, in {@link String} order,
 * and whether more distinct values were seen. Both results are the same whatever the order of the
 * additions. Not thread-safe: the owning accumulator holds its lock.
 */
final class BoundedValues {

  private final Interner interner;

  /**
   * The kept values in ascending order in the first {@link #size} slots. A sorted array of at most
   * {@link FindingAggregator#MAX_VALUES} values is searched in one or two cache lines, where a tree
   * set of a finding among thousands follows a pointer per node.
   */
  private final String[] values = new String[FindingAggregator.MAX_VALUES];

  private int size;
  private boolean truncated;

  /** The value of the previous {@link #add} call; adding it again changes nothing. */
  private String previous;

  /**
   * Creates an empty list whose kept values are the shared instances of {@code interner}, so that
   * findings listing the same address or operation hold one copy of it.
   */
  BoundedValues(Interner interner) {
    this.interner = interner;
  }

  /** Adds a non-empty value, then drops the largest while more than the maximum are kept. */
  void add(String value) {
    if (value == null || value.isEmpty() || value.equals(previous)) {
      return;
    }
    previous = value;

    // Once full, a value at or after the largest kept one changes nothing but the flag, so the
    // common case of a long finding costs one comparison instead of a search.
    if (size == values.length) {
      int order = value.compareTo(values[size - 1]);
      if (order >= 0) {
        truncated |= order > 0;
        return;
      }
    }

    // A value already kept changes nothing. It is not interned, because interning hashes all of it.
    int index = Arrays.binarySearch(values, 0, size, value);
    if (index >= 0) {
      previous = values[index];
      return;
    }

    int insertion = -index - 1;
    String shared = interner.intern(value);
    previous = shared;
    if (size == values.length) {
      size--;
      truncated = true;
    }
    System.arraycopy(values, insertion, values, insertion + 1, size - insertion);
    values[insertion] = shared;
    size++;
  }

  /** Returns the kept values, sorted. */
  List<String> values() {
    return List.of(Arrays.copyOf(values, size));
  }

  /** Returns true when some distinct values were dropped. */
  boolean truncated() {
    return truncated;
  }
}
