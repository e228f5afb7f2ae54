package dev.skywarden.core.detect.correlation;

import dev.skywarden.core.sigma.CorrelationType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The running aggregate of the events in one window, updated as events enter and leave it. Not
 * thread-safe.
 */
abstract class WindowAggregate {

  /** Adds an entry that entered the window. */
  abstract void add(Entry entry);

  /** Removes an entry that left the window; it must have been added. */
  abstract void remove(Entry entry);

  /** Empties the aggregate. */
  abstract void clear();

  /** Returns the aggregate of the window's entries, which are passed in order for scans. */
  abstract BigDecimal value(List<Entry> window);

  /** Returns a new empty aggregate for a correlation type. */
  static WindowAggregate of(CorrelationType type, int sourceCount, Integer percentile) {
    return switch (type) {
      case EVENT_COUNT -> new Count();
      case VALUE_COUNT -> new DistinctCount();
      case TEMPORAL -> new DistinctSources(sourceCount);
      case TEMPORAL_ORDERED -> new OrderedSources(sourceCount);
      case VALUE_SUM -> new Sum(false);
      case VALUE_AVG -> new Sum(true);
      case VALUE_PERCENTILE -> new Percentile(percentile);
      case VALUE_MEDIAN -> new Percentile(50);
    };
  }

  /** {@code event_count}: the number of events. */
  static final class Count extends WindowAggregate {
    private long count;

    @Override
    void add(Entry entry) {
      count++;
    }

    @Override
    void remove(Entry entry) {
      count--;
    }

    @Override
    void clear() {
      count = 0;
    }

    @Override
    BigDecimal value(List<Entry> window) {
      return BigDecimal.valueOf(count);
    }
  }

  /** {@code value_count}: the number of distinct value tuples of the condition's fields. */
  static final class DistinctCount extends WindowAggregate {
    private final Map<List<String>, Integer> counts = new HashMap<>();

    @Override
    void add(Entry entry) {
      counts.merge(entry.values(), 1, Integer::sum);
    }

    @Override
    void remove(Entry entry) {
      counts.computeIfPresent(entry.values(), (key, count) -> count == 1 ? null : count - 1);
    }

    @Override
    void clear() {
      counts.clear();
    }

    @Override
    BigDecimal value(List<Entry> window) {
      return BigDecimal.valueOf(counts.size());
    }
  }

  /** {@code temporal}: the number of distinct referenced rules that matched. */
  static final class DistinctSources extends WindowAggregate {
    private final int[] counts;
    private int distinct;

    DistinctSources(int sourceCount) {
      counts = new int[sourceCount];
    }

    @Override
    void add(Entry entry) {
      if (counts[entry.source()]++ == 0) {
        distinct++;
      }
    }

    @Override
    void remove(Entry entry) {
      if (--counts[entry.source()] == 0) {
        distinct--;
      }
    }

    @Override
    void clear() {
      java.util.Arrays.fill(counts, 0);
      distinct = 0;
    }

    @Override
    BigDecimal value(List<Entry> window) {
      return BigDecimal.valueOf(distinct);
    }
  }

  /**
   * {@code temporal_ordered}: how many of the referenced rules, from the first, matched one after
   * another in the listed order. Scans the window, so evaluation costs its length.
   */
  static final class OrderedSources extends WindowAggregate {
    private final int sourceCount;

    OrderedSources(int sourceCount) {
      this.sourceCount = sourceCount;
    }

    @Override
    void add(Entry entry) {}

    @Override
    void remove(Entry entry) {}

    @Override
    void clear() {}

    @Override
    BigDecimal value(List<Entry> window) {
      // Greedy matching finds the longest prefix of the rule list that occurs in order: taking
      // the earliest match of each rule never blocks a later one.
      int next = 0;
      for (Entry entry : window) {
        if (next < sourceCount && entry.source() == next) {
          next++;
        }
      }
      return BigDecimal.valueOf(next);
    }
  }

  /** {@code value_sum} and {@code value_avg}, exact in decimal. */
  static final class Sum extends WindowAggregate {
    private final boolean average;
    private BigDecimal sum = BigDecimal.ZERO;
    private long count;

    Sum(boolean average) {
      this.average = average;
    }

    @Override
    void add(Entry entry) {
      sum = sum.add(entry.number());
      count++;
    }

    @Override
    void remove(Entry entry) {
      sum = sum.subtract(entry.number());
      count--;
    }

    @Override
    void clear() {
      sum = BigDecimal.ZERO;
      count = 0;
    }

    @Override
    BigDecimal value(List<Entry> window) {
      if (!average) {
        return sum;
      }
      return count == 0
          ? BigDecimal.ZERO
          : sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL64);
    }
  }

  /**
   * {@code value_percentile} and {@code value_median}: the p-th percentile by linear interpolation
   * between the closest ranks (the default of NumPy and R type 7): with the values sorted as
   * x[0..n-1] and h = (n - 1) p / 100, it is x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] -
   * x[floor(h)]). The median of an even count is the mean of the middle two.
   */
  static final class Percentile extends WindowAggregate {
    private final int percentile;
    private final TreeMap<BigDecimal, Integer> counts = new TreeMap<>();
    private long size;

    Percentile(int percentile) {
      this.percentile = percentile;
    }

    @Override
    void add(Entry entry) {
      counts.merge(entry.number(), 1, Integer::sum);
      size++;
    }

    @Override
    void remove(Entry entry) {
      counts.computeIfPresent(entry.number(), (key, count) -> count == 1 ? null : count - 1);
      size--;
    }

    @Override
    void clear() {
      counts.clear();
      size = 0;
    }

    @Override
    BigDecimal value(List<Entry> window) {
      if (size == 0) {
        return BigDecimal.ZERO;
      }
      long scaled = (size - 1) * percentile;
      long lowRank = scaled / 100;
      long remainder = scaled % 100;
      BigDecimal low = valueAtRank(lowRank);
      if (remainder == 0) {
        return low;
      }
      BigDecimal high = valueAtRank(lowRank + 1);
      BigDecimal fraction = BigDecimal.valueOf(remainder).movePointLeft(2);
      return low.add(high.subtract(low).multiply(fraction));
    }

    private BigDecimal valueAtRank(long rank) {
      long seen = 0;
      for (Map.Entry<BigDecimal, Integer> entry : counts.entrySet()) {
        seen += entry.getValue();
        if (rank < seen) {
          return entry.getKey();
        }
      }
      throw new IllegalStateException("rank " + rank + " beyond " + size + " values");
    }
  }
}
