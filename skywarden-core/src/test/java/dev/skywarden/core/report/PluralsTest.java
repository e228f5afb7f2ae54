package dev.skywarden.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralsTest {

  @Test
  void count_singularOnlyForOne() {
    assertThat(Plurals.count(0, "event")).isEqualTo("0 events");
    assertThat(Plurals.count(1, "event")).isEqualTo("1 event");
    assertThat(Plurals.count(2, "event")).isEqualTo("2 events");
    assertThat(Plurals.count(-1, "event")).isEqualTo("-1 events");
  }

  @Test
  void count_irregularPlural() {
    assertThat(Plurals.count(1, "identity", "identities")).isEqualTo("1 identity");
    assertThat(Plurals.count(3, "identity", "identities")).isEqualTo("3 identities");
  }
}
