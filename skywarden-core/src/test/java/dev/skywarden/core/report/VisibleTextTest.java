package dev.skywarden.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisibleTextTest {

  @Test
  void escape_bidiControls() {
    for (int c = 0x202A; c <= 0x202E; c++) {
      assertThat(VisibleText.escape("a" + (char) c + "b")).isEqualTo(String.format("a\\u%04Xb", c));
    }
    for (int c = 0x2066; c <= 0x2069; c++) {
      assertThat(VisibleText.escape("a" + (char) c + "b")).isEqualTo(String.format("a\\u%04Xb", c));
    }
  }

  @Test
  void escape_zeroWidthMarksAndControls() {
    assertThat(VisibleText.escape("\u200B\u200C\u200D\u200E\u200F"))
        .isEqualTo("\\u200B\\u200C\\u200D\\u200E\\u200F");
    assertThat(VisibleText.escape("a\tb\nc\u0000\u007f\u0085"))
        .isEqualTo("a\\u0009b\\u000Ac\\u0000\\u007F\\u0085");
    assertThat(VisibleText.escape("x\u2028y\u2029\uFEFF")).isEqualTo("x\\u2028y\\u2029\\uFEFF");
  }

  @Test
  void escape_supplementaryFormatCharacter() {
    assertThat(VisibleText.escape("tag" + new String(Character.toChars(0xE0001))))
        .isEqualTo("tag\\u{E0001}");
  }

  @Test
  void escape_leavesVisibleTextAlone() {
    String text = "arn:aws:iam::111122223333:user/Zoë – 東京 😀";

    assertThat(VisibleText.escape(text)).isSameAs(text);
    assertThat(VisibleText.escape(null)).isNull();
  }
}
