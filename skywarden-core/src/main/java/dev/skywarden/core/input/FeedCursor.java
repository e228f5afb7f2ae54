package dev.skywarden.core.input;

import java.io.IOException;

/**
 * Reads a {@link ParserFeed} one byte at a time and counts line breaks ({@code \r\n} counts once,
 * as in Jackson), for scanning raw bytes after a parse error. A cursor can jump back to any
 * position it saved while that position is still kept by the feed. Not thread-safe.
 */
final class FeedCursor {

  /** A saved cursor position; see {@link #save()} and {@link #restore(Mark)}. */
  record Mark(long position, long lineBreaks, boolean afterCarriageReturn) {}

  private static final int BUFFER_BYTES = 8192;

  private final ParserFeed feed;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int length;
  private int index;
  private long position;
  private long lineBreaks;
  private boolean afterCarriageReturn;

  /**
   * Creates a cursor at absolute offset {@code position}, with {@code lineBreaks} line breaks
   * before it.
   *
   * @throws IllegalArgumentException when the feed no longer keeps {@code position}
   */
  FeedCursor(ParserFeed feed, long position, long lineBreaks) {
    this.feed = feed;
    restore(new Mark(position, lineBreaks, false));
  }

  /** Returns the absolute offset of the next byte. */
  long position() {
    return position;
  }

  /** Returns the line breaks before {@link #position()}. */
  long lineBreaks() {
    return lineBreaks;
  }

  Mark save() {
    return new Mark(position, lineBreaks, afterCarriageReturn);
  }

  /** Moves back to a saved position. */
  void restore(Mark mark) {
    feed.rewind(mark.position());
    position = mark.position();
    lineBreaks = mark.lineBreaks();
    afterCarriageReturn = mark.afterCarriageReturn();
    length = 0;
    index = 0;
  }

  /** Returns the next byte (0 to 255), or -1 at the end of the stream. */
  int next() throws IOException {
    if (index == length) {
      int n = feed.read(buffer, 0, buffer.length);
      if (n <= 0) {
        return -1;
      }
      length = n;
      index = 0;
    }
    int b = buffer[index++] & 0xff;
    position++;
    if (b == '\n') {
      if (!afterCarriageReturn) {
        lineBreaks++;
      }
      afterCarriageReturn = false;
    } else if (b == '\r') {
      lineBreaks++;
      afterCarriageReturn = true;
    } else {
      afterCarriageReturn = false;
    }
    return b;
  }

  /** Returns the next byte that is not JSON whitespace, or -1 at the end of the stream. */
  int nextNonWhitespace() throws IOException {
    int b;
    do {
      b = next();
    } while (b == ' ' || b == '\t' || b == '\n' || b == '\r');
    return b;
  }

  /** Leaves the feed at the cursor position, so that the next parser starts there. */
  void syncFeed() {
    feed.rewind(position);
    length = 0;
    index = 0;
  }
}
