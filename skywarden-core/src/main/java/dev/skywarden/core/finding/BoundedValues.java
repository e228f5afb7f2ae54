package dev.skywarden.core.finding;

import dev.skywarden.core.event.Interner;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The {@link FindingAggregator#MAX_VALUES} smallest distinct values added, in {@link String} order,
 * and whether more distinct values were seen. Both results are the same whatever the order of the
 * additions. Not thread-safe: the owning accumulator holds its lock.
 */
final class BoundedValues {

  private final Interner interner;
  private final NavigableSet<String> values = new TreeSet<>();
  private boolean truncated;

  /** The value of the previous {@link #add} call; adding it again changes nothing. */
  private String previous;

  /** The largest kept value, or null while none is kept. */
  private String largest;

  /**
   * The number of kept values, mirrored here so that the common case of a full list reads no field
   * of the tree set, which a finding among thousands often has out of the cache.
   */
  private int size;

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
    // common case of a long finding costs one comparison instead of an insertion and a removal.
    if (size >= FindingAggregator.MAX_VALUES) {
      int order = value.compareTo(largest);
      if (order >= 0) {
        truncated |= order > 0;
        return;
      }
    }
    String shared = interner.intern(value);
    previous = shared;
    if (!values.add(shared)) {
      return;
    }
    if (values.size() > FindingAggregator.MAX_VALUES) {
      values.pollLast();
      truncated = true;
    }
    size = values.size();
    largest = values.last();
  }

  /** Returns the kept values, sorted. */
  List<String> values() {
    return List.copyOf(values);
  }

  /** Returns true when some distinct values were dropped. */
  boolean truncated() {
    return truncated;
  }
}
