package dev.skywarden.core.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The raw bytes of a source, buffered and counted. It records whether the underlying source failed,
 * so that a decompressor error can be distinguished from an I/O error.
 *
 * <p>{@link #available()} blocks until at least one byte is buffered or the end is reached. {@link
 * java.util.zip.GZIPInputStream} reads the next member of a concatenated gzip file only when {@code
 * available() > 0}, which a pipe such as standard input reports as 0 while the writer is slow.
 *
 * <p>Not thread-safe.
 */
final class SourceByteStream extends BufferedInputStream {

  /** The inflater reads 8 KiB at a time, so a larger buffer would only be allocated per file. */
  private static final int BUFFER_BYTES = 8 * 1024;

  private long bytesRead;
  private IOException failure;

  SourceByteStream(InputStream in) {
    super(in, BUFFER_BYTES);
  }

  /** Returns the bytes read from the source so far, including bytes buffered but not yet used. */
  long bytesRead() {
    return bytesRead + (count - pos);
  }

  /** Returns the bytes handed to the caller so far, without bytes still buffered. */
  long bytesConsumed() {
    return bytesRead;
  }

  /** Returns the error the source raised, or null. */
  IOException failure() {
    return failure;
  }

  @Override
  public synchronized int read() throws IOException {
    try {
      int b = super.read();
      if (b >= 0) {
        bytesRead++;
      }
      return b;
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  @Override
  public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
    try {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        bytesRead += n;
      }
      return n;
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  @Override
  public synchronized int available() throws IOException {
    int buffered = super.available();
    if (buffered > 0) {
      return buffered;
    }
    mark(1);
    int b = read();
    if (b < 0) {
      return 0;
    }
    bytesRead--;
    reset();
    return super.available();
  }

  /**
   * Returns whether the next bytes are the gzip magic number {@code 1f 8b}, without consuming them.
   */
  synchronized boolean startsWithGzipMagic() throws IOException {
    byte[] head = peek(2);
    return head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
  }

  /**
   * Returns up to {@code length} next bytes without consuming them; fewer at the end of the source.
   */
  synchronized byte[] peek(int length) throws IOException {
    mark(length);
    byte[] head = new byte[length];
    int filled = 0;
    while (filled < length) {
      int n = super.read(head, filled, length - filled);
      if (n < 0) {
        break;
      }
      filled += n;
    }
    reset();
    return filled == length ? head : Arrays.copyOf(head, filled);
  }
}
