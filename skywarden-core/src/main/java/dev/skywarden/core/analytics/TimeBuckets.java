package dev.skywarden.core.analytics;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The time buckets of one profile, sorted by index in one array: about 4 bytes per bucket besides
 * the buckets themselves, where a {@code TreeMap<Long, ...>} costs an entry of 40 bytes and a boxed
 * key of 16.
 *
 * <p>Events of one identity mostly arrive in time order, so a lookup first tries the bucket last
 * used and the last bucket, and falls back to a binary search; a bucket inserted before others
 * shifts the later ones, which costs at most {@code maxBuckets} references.
 *
 * <p>Cap: at most {@code maxBuckets} are kept, the earliest, so the kept set does not depend on
 * arrival order; a bucket later than a full set's last is not created, and an earlier one drops the
 * last.
 *
 * <p>Not thread-safe: the owning {@link Profile} guards it with its lock.
 */
final class TimeBuckets {

  private static final TimeBucket[] EMPTY = new TimeBucket[0];

  private final int maxBuckets;
  private TimeBucket[] buckets = EMPTY;
  private int size;
  private int cursor;

  TimeBuckets(int maxBuckets) {
    this.maxBuckets = maxBuckets;
  }

  /**
   * Returns the bucket with {@code index}, creating it when it is new, or null when the set is full
   * and the bucket would come after its last.
   */
  TimeBucket getOrCreate(long index) {
    if (cursor < size && buckets[cursor].index == index) {
      return buckets[cursor];
    }
    if (size > 0 && buckets[size - 1].index == index) {
      cursor = size - 1;
      return buckets[cursor];
    }
    int at = size > 0 && buckets[size - 1].index < index ? -size - 1 : search(index);
    if (at >= 0) {
      cursor = at;
      return buckets[at];
    }
    int insert = -at - 1;
    if (size >= maxBuckets) {
      if (insert >= size) {
        return null;
      }
      size--;
      buckets[size] = null;
    }
    if (size == buckets.length) {
      buckets = Arrays.copyOf(buckets, Math.min(maxBuckets, Math.max(4, size + (size >> 1))));
    }
    System.arraycopy(buckets, insert, buckets, insert + 1, size - insert);
    TimeBucket bucket = new TimeBucket(index);
    buckets[insert] = bucket;
    size++;
    cursor = insert;
    return bucket;
  }

  private int search(long index) {
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      long value = buckets[mid].index;
      if (value < index) {
        low = mid + 1;
      } else if (value > index) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  int size() {
    return size;
  }

  /**
   * Returns the buckets in ascending index order, as an unmodifiable view that later additions must
   * not overlap.
   */
  List<TimeBucket> sorted() {
    TimeBucket[] array = buckets;
    int length = size;
    return new View(array, length);
  }

  /** An unmodifiable list over the first buckets of an array. */
  private static final class View extends AbstractList<TimeBucket> implements RandomAccess {
    private final TimeBucket[] array;
    private final int length;

    View(TimeBucket[] array, int length) {
      this.array = array;
      this.length = length;
    }

    @Override
    public TimeBucket get(int index) {
      if (index < 0 || index >= length) {
        throw new IndexOutOfBoundsException("bucket " + index + " of " + length);
      }
      return array[index];
    }

    @Override
    public int size() {
      return length;
    }
  }
}
