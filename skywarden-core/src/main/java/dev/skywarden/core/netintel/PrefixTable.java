package dev.skywarden.core.netintel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * An immutable longest-prefix-match table of CIDR blocks of one address family.
 *
 * <p>Design note: CIDR blocks either nest or are disjoint. The blocks are sorted by first address,
 * outer blocks before the blocks they contain, and each block stores the index of its closest
 * enclosing block. A lookup binary-searches the last block that starts at or before the address and
 * walks up the enclosing blocks until one also ends at or after it: that block is the most specific
 * one containing the address. Addresses are two longs compared unsigned, so a lookup allocates
 * nothing. Blocks with the same prefix are merged into one by the merge function given to {@link
 * #build}.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @param <T> the value of a block
 */
final class PrefixTable<T> {

  private final long[] firstHigh;
  private final long[] firstLow;
  private final long[] lastHigh;
  private final long[] lastLow;
  private final int[] parent;
  private final List<T> values;

  /** One block and its value, as given to {@link #build}. */
  record Block<T>(IpPrefix prefix, T value) {}

  private PrefixTable(List<Block<T>> sorted) {
    int size = sorted.size();
    firstHigh = new long[size];
    firstLow = new long[size];
    lastHigh = new long[size];
    lastLow = new long[size];
    parent = new int[size];
    values = new ArrayList<>(size);

    Deque<Integer> open = new ArrayDeque<>();
    for (int i = 0; i < size; i++) {
      IpPrefix prefix = sorted.get(i).prefix();
      firstHigh[i] = prefix.first().high();
      firstLow[i] = prefix.first().low();
      lastHigh[i] = prefix.last().high();
      lastLow[i] = prefix.last().low();
      values.add(sorted.get(i).value());

      while (!open.isEmpty() && compare(lastHigh[open.peek()], lastLow[open.peek()], i) < 0) {
        open.pop();
      }
      parent[i] = open.isEmpty() ? -1 : open.peek();
      open.push(i);
    }
  }

  /**
   * Builds a table; blocks with an equal prefix are merged, earlier value first.
   *
   * @param blocks the blocks of one family, in any order
   * @param merge combines the values of two blocks with the same prefix
   */
  static <T> PrefixTable<T> build(List<Block<T>> blocks, BinaryOperator<T> merge) {
    List<Block<T>> sorted = new ArrayList<>(blocks);
    // A stable sort keeps the given order among equal prefixes, so merging is deterministic.
    sorted.sort(
        Comparator.<Block<T>, IpPrefix>comparing(Block::prefix, PrefixTable::compareFirst)
            .thenComparingInt(block -> block.prefix().length()));

    List<Block<T>> merged = new ArrayList<>(sorted.size());
    for (Block<T> block : sorted) {
      int lastIndex = merged.size() - 1;
      if (lastIndex >= 0 && merged.get(lastIndex).prefix().equals(block.prefix())) {
        Block<T> previous = merged.get(lastIndex);
        merged.set(
            lastIndex, new Block<>(block.prefix(), merge.apply(previous.value(), block.value())));
      } else {
        merged.add(block);
      }
    }
    return new PrefixTable<>(merged);
  }

  private static int compareFirst(IpPrefix a, IpPrefix b) {
    int high = Long.compareUnsigned(a.first().high(), b.first().high());
    return high != 0 ? high : Long.compareUnsigned(a.first().low(), b.first().low());
  }

  /** Returns the number of blocks after merging. */
  int size() {
    return values.size();
  }

  /**
   * Returns the value of the most specific block containing the address, or {@code null}.
   *
   * @param high the first 64 bits (0 for IPv4)
   * @param low the last 64 bits (the 32 bits of an IPv4 address)
   */
  T find(long high, long low) {
    int lo = 0;
    int hi = values.size() - 1;
    int candidate = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int cmp = Long.compareUnsigned(firstHigh[mid], high);
      if (cmp == 0) {
        cmp = Long.compareUnsigned(firstLow[mid], low);
      }
      if (cmp <= 0) {
        candidate = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    // Every enclosing block starts at or before the candidate, so only its end needs checking.
    while (candidate >= 0) {
      int cmp = Long.compareUnsigned(lastHigh[candidate], high);
      if (cmp == 0) {
        cmp = Long.compareUnsigned(lastLow[candidate], low);
      }
      if (cmp >= 0) {
        return values.get(candidate);
      }
      candidate = parent[candidate];
    }
    return null;
  }

  /** Compares the address {@code (high, low)} with the first address of block {@code i}. */
  private int compare(long high, long low, int i) {
    int cmp = Long.compareUnsigned(high, firstHigh[i]);
    return cmp != 0 ? cmp : Long.compareUnsigned(low, firstLow[i]);
  }

  /**
   * Checks that every block lies inside its parent and that the blocks are sorted; for tests.
   *
   * @throws IllegalStateException naming the first block that breaks the invariant
   */
  void checkInvariant() {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0 && compare(firstHigh[i - 1], firstLow[i - 1], i) > 0) {
        throw new IllegalStateException("blocks not sorted at index " + i);
      }
      int p = parent[i];
      if (p >= 0
          && (compare(firstHigh[p], firstLow[p], i) > 0
              || Long.compareUnsigned(lastHigh[p], lastHigh[i]) < 0
              || (lastHigh[p] == lastHigh[i]
                  && Long.compareUnsigned(lastLow[p], lastLow[i]) < 0))) {
        throw new IllegalStateException("block " + i + " is not inside its parent " + p);
      }
    }
  }
}
