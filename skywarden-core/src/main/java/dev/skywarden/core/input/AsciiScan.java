package dev.skywarden.core.input;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte tests of {@link RecordParser} that read eight bytes at a time: the end of plain ASCII text
 * in a JSON string (the first byte that is a quote, a backslash, a control character or not ASCII),
 * and the equality of short byte runs.
 *
 * <p>Stateless and thread-safe.
 */
final class AsciiScan {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';
  private static final long SPACES = ONES * ' ';

  private AsciiScan() {}

  /**
   * Returns the index of the first byte in {@code [from, limit)} of {@code buffer} that is {@code
   * "}, {@code \}, below 0x20 or above 0x7f, or {@code limit} when there is none.
   */
  static int firstSpecial(byte[] buffer, int from, int limit) {
    int i = from;
    while (i <= limit - Long.BYTES) {
      long special = specialBytes((long) LONGS.get(buffer, i));
      if (special != 0) {
        // Little-endian: the lowest flagged byte is the first in memory, and it is exact.
        return i + (Long.numberOfTrailingZeros(special) >>> 3);
      }
      i += Long.BYTES;
    }
    for (; i < limit; i++) {
      int b = buffer[i];
      // Bytes of 0x80 and above are negative here, so one test takes them with control bytes.
      if (b == '"' || b == '\\' || b < 0x20) {
        return i;
      }
    }
    return limit;
  }

  /**
   * Returns whether {@code expected} equals the bytes of {@code buffer} from {@code start}, which
   * must hold at least {@code expected.length} bytes. For the short runs of keys and literals,
   * where this is cheaper than {@link java.util.Arrays#equals(byte[], int, int, byte[], int, int)}.
   */
  static boolean sameBytes(byte[] expected, byte[] buffer, int start) {
    int length = expected.length;
    if (length < Long.BYTES) {
      for (int i = 0; i < length; i++) {
        if (expected[i] != buffer[start + i]) {
          return false;
        }
      }
      return true;
    }
    int i = 0;
    for (; i <= length - Long.BYTES; i += Long.BYTES) {
      if ((long) LONGS.get(expected, i) != (long) LONGS.get(buffer, start + i)) {
        return false;
      }
    }
    // The last word overlaps the previous one when the length is not a multiple of eight.
    return i == length
        || (long) LONGS.get(expected, length - Long.BYTES)
            == (long) LONGS.get(buffer, start + length - Long.BYTES);
  }

  /**
   * Returns the high bit of each special byte of {@code word}. Bytes above the first special one
   * may be flagged wrongly by the borrow of a subtraction; the first flagged byte is always right.
   */
  private static long specialBytes(long word) {
    long quote = word ^ QUOTES;
    long backslash = word ^ BACKSLASHES;
    long zeroQuote = (quote - ONES) & ~quote;
    long zeroBackslash = (backslash - ONES) & ~backslash;
    long control = (word - SPACES) & ~word;
    return (zeroQuote | zeroBackslash | control | word) & HIGH_BITS;
  }
}
