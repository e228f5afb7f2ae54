package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded sorted string sets of time buckets. */
class SortedStringsTest {

  @Test
  void add_keepsDistinctValuesSorted() {
    Object set = SortedStrings.add(null, "b", 8);
    Object one = set;
    set = SortedStrings.add(set, "a", 8);
    Object two = set;
    set = SortedStrings.add(set, "b", 8);

    assertThat(one).as("one value is the string itself").isEqualTo("b");
    assertThat(set).as("a value already in the set").isSameAs(two);
    set = SortedStrings.add(set, "c", 8);
    assertThat(SortedStrings.values(set)).containsExactly("a", "b", "c");
    assertThat(SortedStrings.size(set)).isEqualTo(3);
    assertThat(SortedStrings.contains(set, "b")).as("contains b").isTrue();
    assertThat(SortedStrings.contains(set, "d")).as("contains d").isFalse();
    assertThat(SortedStrings.values(null)).as("no set").isEmpty();
  }

  @Test
  void add_keepsSmallestWhenFull() {
    Object forward = null;
    Object backward = null;

    for (String value : List.of("a", "b", "c", "d", "e")) {
      forward = SortedStrings.add(forward, value, 3);
    }
    for (String value : List.of("e", "d", "c", "b", "a")) {
      backward = SortedStrings.add(backward, value, 3);
    }

    assertThat(SortedStrings.values(forward))
        .as("added in ascending order")
        .containsExactly("a", "b", "c");
    assertThat(SortedStrings.values(backward))
        .as("added in descending order")
        .containsExactly("a", "b", "c");
    assertThat(SortedStrings.add(forward, "z", 3))
        .as("a value after the last kept one")
        .isSameAs(forward);
  }

  @Test
  void add_withMaxOne_keepsSmallestString() {
    Object set = SortedStrings.add(null, "m", 1);
    set = SortedStrings.add(set, "z", 1);
    set = SortedStrings.add(set, "c", 1);

    assertThat(set).isEqualTo("c");
  }
}
