package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded sorted string sets of time buckets. */
class SortedStringsTest {

  @Test
  void add_keepsDistinctValuesSorted() {
    SortedStrings set = new SortedStrings();

    assertThat(set.addBounded("b", 8)).as("first b").isTrue();
    assertThat(set.addBounded("a", 8)).as("first a").isTrue();
    assertThat(set.addBounded("b", 8)).as("second b").isFalse();
    assertThat(set.addBounded("c", 8)).as("first c").isTrue();

    assertThat(set.values()).containsExactly("a", "b", "c");
    assertThat(set.size()).isEqualTo(3);
    assertThat(set.contains("b")).as("contains b").isTrue();
    assertThat(set.contains("d")).as("contains d").isFalse();
  }

  @Test
  void add_keepsSmallestWhenFull() {
    SortedStrings forward = new SortedStrings();
    SortedStrings backward = new SortedStrings();
    List<String> values = List.of("a", "b", "c", "d", "e");

    for (String value : values) {
      forward.addBounded(value, 3);
    }
    for (String value : List.of("e", "d", "c", "b", "a")) {
      backward.addBounded(value, 3);
    }

    assertThat(forward.values()).as("added in ascending order").containsExactly("a", "b", "c");
    assertThat(backward.values()).as("added in descending order").containsExactly("a", "b", "c");
    assertThat(forward.addBounded("z", 3)).as("a value after the last kept one").isFalse();
  }
}
