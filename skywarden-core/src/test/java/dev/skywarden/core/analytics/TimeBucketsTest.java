package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sorted array of a profile's time buckets. */
class TimeBucketsTest {

  private static List<Long> indexes(TimeBuckets buckets) {
    List<Long> indexes = new ArrayList<>();
    for (TimeBucket bucket : buckets.sorted()) {
      indexes.add(bucket.index);
    }
    return indexes;
  }

  @Test
  void getOrCreate_outOfOrder_staysSorted() {
    TimeBuckets buckets = new TimeBuckets(100);
    List<Long> order = new ArrayList<>();
    for (long i = 0; i < 50; i++) {
      order.add(i * 3);
    }
    Collections.shuffle(order, new Random(7));

    for (long index : order) {
      buckets.getOrCreate(index).calls++;
    }
    for (long index : order) {
      buckets.getOrCreate(index).calls++;
    }

    assertThat(buckets.size()).isEqualTo(50);
    List<Long> sorted = new ArrayList<>(order);
    Collections.sort(sorted);
    assertThat(indexes(buckets)).isEqualTo(sorted);
    assertThat(buckets.sorted()).allSatisfy(bucket -> assertThat(bucket.calls).isEqualTo(2));
  }

  @Test
  void cap_keepsEarliestWhateverOrder() {
    TimeBuckets forward = new TimeBuckets(10);
    TimeBuckets backward = new TimeBuckets(10);

    for (long i = 0; i < 30; i++) {
      forward.getOrCreate(i);
      backward.getOrCreate(29 - i);
    }

    List<Long> earliest = new ArrayList<>();
    for (long i = 0; i < 10; i++) {
      earliest.add(i);
    }
    assertThat(indexes(forward)).isEqualTo(earliest);
    assertThat(indexes(backward)).isEqualTo(earliest);
    assertThat(forward.getOrCreate(40)).as("a bucket after a full set's last").isNull();
  }
}
