package dev.skywarden.core.input;

import dev.skywarden.core.stats.SkipReason;
import java.io.IOException;
import java.io.InputStream;

/**
 * The decoded bytes of one source as handed to the JSON parser. The most recent bytes are kept, so
 * that the reader can rewind after a parse error and resynchronise. A record guard stops a record
 * that grows past the size limit before it fills the heap.
 *
 * <p>Positions are absolute byte offsets in the decoded stream. Not thread-safe.
 */
final class ParserFeed extends InputStream {

  /** Bytes kept for rewinding; well above the parser's read buffer (8000 bytes in Jackson 2.x). */
  static final int HISTORY_BYTES = 1 << 16;

  private final InputStream in;
  private final long maxRecordBytes;

  /**
   * The history buffer of the last feed that this thread released. Sources are mostly small files,
   * and zeroing a new 64 KiB buffer for each showed in profiles of the hunt thread.
   */
  private static final ThreadLocal<byte[]> SPARE_HISTORY = new ThreadLocal<>();

  private final byte[] history;

  /** Whether {@link #release} lent the history to the next feed, after which reads fail. */
  private boolean released;

  private long written;
  private long position;
  private long guardStart = -1;

  ParserFeed(InputStream in, long maxRecordBytes) {
    this.in = in;
    this.maxRecordBytes = maxRecordBytes;
    byte[] spare = SPARE_HISTORY.get();
    if (spare != null) {
      // Old bytes in it are never read, because only offsets below written are.
      SPARE_HISTORY.set(null);
      this.history = spare;
    } else {
      this.history = new byte[HISTORY_BYTES];
    }
  }

  /**
   * Hands the history buffer to the next feed made on this thread. Call once, when the parser is
   * done with this feed; the feed must not be read after it.
   */
  void release() {
    released = true;
    SPARE_HISTORY.set(history);
  }

  /** Returns the absolute offset of the next byte to be read. */
  long position() {
    return position;
  }

  /**
   * Starts counting the bytes of a record that begins at absolute offset {@code start}; reading
   * more than the record limit past it raises {@code RECORD_TOO_LARGE}.
   */
  void guardRecord(long start) {
    guardStart = start;
  }

  /** Stops the record guard. */
  void releaseGuard() {
    guardStart = -1;
  }

  /** Returns whether {@code offset} can be reached with {@link #rewind(long)}. */
  boolean canRewindTo(long offset) {
    return offset <= position && offset >= 0 && written - offset <= HISTORY_BYTES;
  }

  /**
   * Moves back to an absolute offset that was already read.
   *
   * @throws IllegalArgumentException when the offset is no longer kept
   */
  void rewind(long offset) {
    if (!canRewindTo(offset)) {
      throw new IllegalArgumentException(
          "cannot rewind to byte " + offset + " (read " + written + ")");
    }
    position = offset;
  }

  /** Returns whether the byte at {@code offset} was already read and is still kept. */
  boolean isKept(long offset) {
    return canRewindTo(offset) && offset < written;
  }

  /**
   * Returns the byte at an absolute offset that was already read.
   *
   * @throws IllegalArgumentException when the offset is no longer kept
   */
  int byteAt(long offset) {
    if (!isKept(offset)) {
      throw new IllegalArgumentException("byte " + offset + " is not kept (read " + written + ")");
    }
    return history[(int) (offset % HISTORY_BYTES)] & 0xff;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (released) {
      throw new IllegalStateException("read after release: the history belongs to another feed");
    }
    if (length == 0) {
      return 0;
    }
    checkGuard();
    if (position < written) {
      return readHistory(buffer, offset, readLength(length));
    }

    int n = in.read(buffer, offset, readLength(length));
    if (n <= 0) {
      return n;
    }
    remember(buffer, offset, n);
    written += n;
    position = written;
    return n;
  }

  /**
   * Returns how many bytes to request: while a record is guarded, never more than one byte past its
   * limit, so the guard trips exactly when a record exceeds the limit, wherever the parser's buffer
   * boundaries fall.
   */
  private int readLength(int length) {
    long max = Math.min(length, HISTORY_BYTES);
    if (guardStart >= 0) {
      max = Math.min(max, guardStart + maxRecordBytes + 1 - position);
    }
    return (int) Math.max(1, max);
  }

  private void checkGuard() throws DamagedInputException {
    if (guardStart >= 0 && position - guardStart > maxRecordBytes) {
      long start = guardStart;
      guardStart = -1;
      throw new DamagedInputException(
          SkipReason.RECORD_TOO_LARGE,
          "record starting at byte "
              + start
              + " is larger than the limit of "
              + maxRecordBytes
              + " bytes");
    }
  }

  private int readHistory(byte[] buffer, int offset, int length) {
    int n = (int) Math.min(length, written - position);
    int start = (int) (position % HISTORY_BYTES);
    int first = Math.min(n, HISTORY_BYTES - start);
    System.arraycopy(history, start, buffer, offset, first);
    if (first < n) {
      System.arraycopy(history, 0, buffer, offset + first, n - first);
    }
    position += n;
    return n;
  }

  private void remember(byte[] buffer, int offset, int n) {
    int start = (int) (written % HISTORY_BYTES);
    int first = Math.min(n, HISTORY_BYTES - start);
    System.arraycopy(buffer, offset, history, start, first);
    if (first < n) {
      System.arraycopy(buffer, offset + first, history, 0, n - first);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
