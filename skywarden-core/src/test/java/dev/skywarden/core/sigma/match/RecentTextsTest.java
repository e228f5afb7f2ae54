package dev.skywarden.core.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentTextsTest {

  @Test
  void repeatedText_computedOnce() {
    List<String> computed = new ArrayList<>();
    RecentTexts<Integer> lengths =
        new RecentTexts<>(
            text -> {
              computed.add(text);
              return text.isEmpty() ? null : text.length();
            },
            16,
            8);

    assertThat(lengths.get("abc")).isEqualTo(3);
    assertThat(lengths.get(new String("abc"))).isEqualTo(3);
    assertThat(lengths.get("")).isNull();
    assertThat(lengths.get("")).isNull();
    assertThat(lengths.get("123456789")).isEqualTo(9);
    assertThat(lengths.get("123456789")).isEqualTo(9);

    // Null values are kept too; texts over the length limit are computed each time.
    assertThat(computed).containsExactly("abc", "", "123456789", "123456789");
  }

  @Test
  void slotCount_mustBePowerOfTwo() {
    assertThatThrownBy(() -> new RecentTexts<String>(text -> text, 12, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("12");
  }
}
