package dev.skywarden.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The per-thread tables of repeated values and of field names. */
class RepeatedTextsTest {

  private final RepeatedTexts values = RepeatedTexts.valuesOfThisThread();

  @Test
  void value_sharedFromItsSecondRead() {
    byte[] bytes = ascii("xx\"us-east-1\"yy");

    String first = values.text(bytes, 3, 9);
    String second = values.text(bytes, 3, 9);
    String third = values.text(bytes, 3, 9);

    assertThat(first).isEqualTo("us-east-1");
    assertThat(second).isEqualTo("us-east-1").isNotSameAs(first);
    assertThat(third).isSameAs(second);
  }

  @Test
  void everyLength_readsItsOwnBytes() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_./:ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (int length = 0; length <= 60; length++) {
      String text = alphabet.substring(0, length);
      // Once with room after the text and once ending at the array's end.
      for (byte[] bytes : new byte[][] {ascii(text + "\"          "), ascii(text)}) {
        for (int round = 0; round < 3; round++) {
          assertThat(values.text(bytes, 0, length)).isEqualTo(text);
        }
      }
    }
  }

  @Test
  void longValues_comparedInFull() {
    // The hash reads bytes 0-7, the middle eight and the last eight; these differ at byte 10.
    String a = "arn:aws:iam::111111111111:role/build-runner-0001-x";
    String b = "arn:aws:iam::222222222222:role/build-runner-0001-x";
    byte[] bytesA = ascii(a);
    byte[] bytesB = ascii(b);

    values.text(bytesA, 0, a.length());
    String storedA = values.text(bytesA, 0, a.length());
    String readB = values.text(bytesB, 0, b.length());

    assertThat(readB).isEqualTo(b);
    assertThat(values.text(bytesA, 0, a.length())).isSameAs(storedA);
  }

  @Test
  void shortValues_differingInAnyByte_stayApart() {
    for (int length = 1; length <= 24; length++) {
      for (int position = 0; position < length; position++) {
        byte[] base = ascii("m".repeat(length));
        byte[] other = base.clone();
        other[position] = 'n';
        values.text(base, 0, length);
        values.text(base, 0, length);

        assertThat(values.text(other, 0, length))
            .as("length %d, byte %d", length, position)
            .isEqualTo(new String(other, StandardCharsets.US_ASCII));
      }
    }
  }

  @Test
  void names_internedAndKeptAtOnce() {
    RepeatedTexts names = RepeatedTexts.namesOfThisThread();
    byte[] bytes = ascii("userIdentityTypeFromTest");

    String first = names.text(bytes, 0, bytes.length);
    String second = names.text(bytes, 0, bytes.length);

    assertThat(first).isSameAs(new String(bytes, StandardCharsets.US_ASCII).intern());
    assertThat(second).isSameAs(first);
  }

  @Test
  void tooLong_rejected() {
    byte[] bytes = new byte[RepeatedTexts.MAX_LENGTH + 1];

    assertThatThrownBy(() -> values.text(bytes, 0, bytes.length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("257 bytes");
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
