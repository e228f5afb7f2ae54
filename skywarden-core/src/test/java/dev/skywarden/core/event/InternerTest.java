package dev.skywarden.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InternerTest {

  @Test
  void intern_returnsFirstInstance() {
    Interner interner = new Interner();
    String first = new String("ListUsers");
    String second = new String("ListUsers");

    assertThat(interner.intern(first)).isSameAs(first);
    assertThat(interner.intern(second)).isSameAs(first);
    assertThat(interner.size()).isEqualTo(1);
  }

  @Test
  void maximum_forgetsValuesWhenReached() {
    Interner interner = new Interner(2);
    String a = new String("a");
    interner.intern(a);
    interner.intern("b");
    assertThat(interner.size()).isEqualTo(2);

    interner.intern("c");
    assertThat(interner.size()).as("size after starting over").isEqualTo(1);
    String again = new String("a");
    assertThat(interner.intern(again)).as("a after starting over").isSameAs(again);
  }

  @Test
  void maximum_rejectsZero() {
    assertThatThrownBy(() -> new Interner(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
  }
}
