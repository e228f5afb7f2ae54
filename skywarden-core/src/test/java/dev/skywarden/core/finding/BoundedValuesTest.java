package dev.skywarden.core.finding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.Interner;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BoundedValuesTest {

  /** The smallest values of all added, and whether more distinct values were seen. */
  private record Expected(List<String> values, boolean truncated) {
    static Expected of(List<String> added) {
      TreeSet<String> distinct = new TreeSet<>();
      for (String value : added) {
        if (value != null && !value.isEmpty()) {
          distinct.add(value);
        }
      }
      List<String> kept =
          new ArrayList<>(distinct)
              .subList(0, Math.min(distinct.size(), FindingAggregator.MAX_VALUES));
      return new Expected(List.copyOf(kept), distinct.size() > FindingAggregator.MAX_VALUES);
    }
  }

  private static BoundedValues addAll(List<String> values) {
    BoundedValues bounded = new BoundedValues(new Interner());
    values.forEach(bounded::add);
    return bounded;
  }

  @Test
  void repeatsOfLargestKept_notTruncated() {
    List<String> added = new ArrayList<>();
    for (int i = 0; i < FindingAggregator.MAX_VALUES; i++) {
      added.add("value-" + i);
    }
    added.add("value-9");
    added.add("value-9");

    BoundedValues bounded = addAll(added);

    assertThat(bounded.values()).hasSize(FindingAggregator.MAX_VALUES);
    assertThat(bounded.truncated()).isFalse();
  }

  @Test
  void valueAfterLargestWhenFull_truncates() {
    List<String> added = new ArrayList<>();
    for (int i = 0; i < FindingAggregator.MAX_VALUES; i++) {
      added.add("value-" + i);
    }
    added.add("value-99");

    BoundedValues bounded = addAll(added);

    assertThat(bounded.values()).doesNotContain("value-99").contains("value-9");
    assertThat(bounded.truncated()).isTrue();
  }

  @Test
  void valueBeforeLargestWhenFull_replacesIt() {
    List<String> added = new ArrayList<>();
    for (int i = 1; i <= FindingAggregator.MAX_VALUES; i++) {
      added.add("value-" + i);
    }
    added.add("value-0");

    BoundedValues bounded = addAll(added);

    assertThat(bounded.values()).startsWith("value-0").doesNotContain("value-9");
    assertThat(bounded.truncated()).isTrue();
  }

  @Test
  void keptValue_notInternedAgain() {
    Interner interner = new Interner(2);
    BoundedValues bounded = new BoundedValues(interner);
    bounded.add("a");
    bounded.add("b");
    // The interner is full, so the third value clears it and is its only value.
    bounded.add("c");
    assertThat(interner.size()).as("interned after the clear").isEqualTo(1);

    bounded.add("a");

    assertThat(interner.size()).as("interned after a kept value").isEqualTo(1);
    assertThat(bounded.values()).containsExactly("a", "b", "c");
  }

  @Test
  void randomSequences_matchSortedDistinctPrefix() {
    Random random = new Random(7);
    for (int round = 0; round < 500; round++) {
      List<String> added = new ArrayList<>();
      int count = random.nextInt(40);
      int distinct = 1 + random.nextInt(25);
      for (int i = 0; i < count; i++) {
        int pick = random.nextInt(distinct + 1);
        added.add(pick == distinct ? "" : "v" + pick);
      }

      BoundedValues bounded = addAll(added);
      Expected expected = Expected.of(added);

      assertThat(bounded.values()).as("values of %s", added).isEqualTo(expected.values());
      assertThat(bounded.truncated()).as("truncated of %s", added).isEqualTo(expected.truncated());
    }
  }
}
