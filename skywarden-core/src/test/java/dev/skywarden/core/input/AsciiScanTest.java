package dev.skywarden.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time search for the end of plain ASCII text. */
class AsciiScanTest {

  private static final int[] SPECIAL = {'"', '\\', 0x00, 0x09, 0x1f, 0x80, 0xc3, 0xff};
  private static final int[] PLAIN = {' ', '!', '#', '[', ']', '~', 0x7f, 'a', '0'};

  @Test
  void eachSpecialByte_foundAtEachPosition() {
    for (int special : SPECIAL) {
      for (int length = 1; length <= 40; length++) {
        for (int position = 0; position < length; position++) {
          byte[] bytes = filled(length, 'q');
          bytes[position] = (byte) special;
          // A second special byte later must not change the result.
          if (position + 3 < length) {
            bytes[position + 3] = '"';
          }

          assertThat(AsciiScan.firstSpecial(bytes, 0, length))
              .as("byte 0x%02x at %d of %d", special, position, length)
              .isEqualTo(position);
        }
      }
    }
  }

  @Test
  void plainBytes_scanToTheLimit() {
    for (int plain : PLAIN) {
      byte[] bytes = filled(37, plain);

      assertThat(AsciiScan.firstSpecial(bytes, 0, 37)).isEqualTo(37);
      assertThat(AsciiScan.firstSpecial(bytes, 5, 21)).isEqualTo(21);
    }
  }

  @Test
  void randomBytes_agreeWithByteByByteScan() {
    Random random = new Random(20261206);
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = new byte[1 + random.nextInt(64)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] =
            (byte) (random.nextInt(8) == 0 ? random.nextInt(256) : 0x20 + random.nextInt(95));
      }
      int from = random.nextInt(bytes.length);
      int limit = from + random.nextInt(bytes.length - from + 1);

      assertThat(AsciiScan.firstSpecial(bytes, from, limit))
          .isEqualTo(reference(bytes, from, limit));
    }
  }

  @Test
  void sameBytes_agreesWithArraysEquals() {
    Random random = new Random(61207);
    for (int round = 0; round < 20_000; round++) {
      byte[] expected = new byte[random.nextInt(40)];
      random.nextBytes(expected);
      byte[] buffer = new byte[expected.length + 16];
      int start = random.nextInt(17);
      System.arraycopy(expected, 0, buffer, start, expected.length);
      if (expected.length > 0 && random.nextBoolean()) {
        buffer[start + random.nextInt(expected.length)] ^= (byte) (1 << random.nextInt(8));
      }

      assertThat(AsciiScan.sameBytes(expected, buffer, start))
          .isEqualTo(
              Arrays.equals(expected, 0, expected.length, buffer, start, start + expected.length));
    }
  }

  private static int reference(byte[] bytes, int from, int limit) {
    for (int i = from; i < limit; i++) {
      int b = bytes[i] & 0xff;
      if (b == '"' || b == '\\' || b < 0x20 || b > 0x7f) {
        return i;
      }
    }
    return limit;
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
