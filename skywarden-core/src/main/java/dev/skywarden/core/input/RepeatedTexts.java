package dev.skywarden.core.input;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings of recently read ASCII values, found by their bytes, so that a value that repeats from
 * record to record (an event name, a service, a region, an ARN, a user agent) becomes the same
 * {@link String} each time. Its hash code is then computed once and {@code equals} between two
 * reads of it is an identity check, where each record used to bring a new string that every lookup
 * hashed again.
 *
 * <p>Design note: the table is direct-mapped by a hash of the length and of the first, middle and
 * last eight bytes, so its cost does not grow with the length. It is bounded and needs no eviction:
 * at most {@link #SLOTS} values of at most {@link #MAX_LENGTH} bytes, about 2.5 MiB when every slot
 * has a value of the maximum length (an estimate from the object sizes, not measured). A value
 * takes a slot only when it is the second value in a row to arrive at that slot, so ids and times
 * that occur once do not push out values that repeat.
 *
 * <p>Field names have a table of their own, whose names are interned and take a slot at once.
 *
 * <p>Not thread-safe: each reading thread has its own ({@link #valuesOfThisThread()}, {@link
 * #namesOfThisThread()}). The strings it returns are immutable and may be shared.
 */
final class RepeatedTexts {

  /** The number of slots, a power of two. */
  static final int SLOTS = 4096;

  /** Maximum length in bytes of a value that the table stores. */
  static final int MAX_LENGTH = 256;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final ThreadLocal<RepeatedTexts> VALUES_OF_THREAD =
      ThreadLocal.withInitial(() -> new RepeatedTexts(false));

  private static final ThreadLocal<RepeatedTexts> NAMES_OF_THREAD =
      ThreadLocal.withInitial(() -> new RepeatedTexts(true));

  /** Whether texts are field names: interned, as Jackson interns them, and stored at once. */
  private final boolean names;

  /**
   * Four longs per slot: the hash and length, then the first, middle and last eight bytes of the
   * value, side by side so that a lookup reads one cache line of them.
   */
  private final long[] keys = new long[SLOTS * 4];

  private final String[] texts = new String[SLOTS];

  /** The bytes of stored values longer than {@link #WORDS_COVER}; null for shorter ones. */
  private final byte[][] longValues = new byte[SLOTS][];

  private final int[] lastMisses = new int[SLOTS];

  /**
   * Values up to this many bytes are covered by their three words, so equal words mean equal bytes.
   */
  private static final int WORDS_COVER = 3 * Long.BYTES;

  private RepeatedTexts(boolean names) {
    this.names = names;
  }

  /** Returns the calling thread's table of string values. */
  static RepeatedTexts valuesOfThisThread() {
    return VALUES_OF_THREAD.get();
  }

  /**
   * Returns the calling thread's table of field names. Its strings are {@linkplain String#intern()
   * interned}, the same instances as the names Jackson's parser returns.
   */
  static RepeatedTexts namesOfThisThread() {
    return NAMES_OF_THREAD.get();
  }

  /**
   * Returns the string of {@code length} ASCII bytes of {@code buffer} from {@code start}: the
   * stored string when the same bytes were stored, else a new one.
   *
   * @throws IllegalArgumentException when {@code length} exceeds {@link #MAX_LENGTH}
   */
  String text(byte[] buffer, int start, int length) {
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "value of " + length + " bytes is longer than the maximum of " + MAX_LENGTH);
    }
    long first;
    long middle;
    long last;
    if (length >= Long.BYTES) {
      first = (long) LONGS.get(buffer, start);
      middle = (long) LONGS.get(buffer, start + (length - Long.BYTES) / 2);
      last = (long) LONGS.get(buffer, start + length - Long.BYTES);
    } else {
      first = shortWord(buffer, start, length);
      middle = 0;
      last = 0;
    }
    long mixed =
        length
            ^ first * 0x9e3779b97f4a7c15L
            ^ middle * 0xc2b2ae3d27d4eb4fL
            ^ last * 0x165667b19e3779f9L;
    int hash = (int) (mixed ^ (mixed >>> 32));
    int slot = (hash ^ (hash >>> 12)) & (SLOTS - 1);
    int base = slot * 4;
    long head = ((long) hash << 32) | length;

    String stored = texts[slot];
    if (stored != null
        && keys[base] == head
        && keys[base + 1] == first
        && keys[base + 2] == middle
        && keys[base + 3] == last
        && (length <= WORDS_COVER
            || Arrays.equals(longValues[slot], 0, length, buffer, start, start + length))) {
      return stored;
    }

    // ISO-8859-1 maps each ASCII byte to the same char and makes a compact string by copying.
    String text = new String(buffer, start, length, StandardCharsets.ISO_8859_1);
    if (names) {
      text = text.intern();
    }
    if (names || lastMisses[slot] == hash) {
      keys[base] = head;
      keys[base + 1] = first;
      keys[base + 2] = middle;
      keys[base + 3] = last;
      texts[slot] = text;
      longValues[slot] =
          length <= WORDS_COVER ? null : Arrays.copyOfRange(buffer, start, start + length);
    } else {
      lastMisses[slot] = hash;
    }
    return text;
  }

  /** Returns up to seven bytes as a little-endian word, the same value a masked long read gives. */
  private static long shortWord(byte[] buffer, int start, int length) {
    if (start + Long.BYTES <= buffer.length) {
      return (long) LONGS.get(buffer, start) & ((1L << (length * Byte.SIZE)) - 1);
    }
    long word = 0;
    for (int i = 0; i < length; i++) {
      word |= (buffer[start + i] & 0xffL) << (i * Byte.SIZE);
    }
    return word;
  }
}
