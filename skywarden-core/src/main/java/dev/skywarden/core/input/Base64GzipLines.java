package dev.skywarden.core.input;

import dev.skywarden.core.stats.SkipReason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads text where each line is base64 of a gzip stream, as Kinesis Data Streams and Firehose
 * deliver CloudWatch Logs subscription data. Each decoded line is read like a file of its own, and
 * its records are reported at the line of the base64 text.
 *
 * <p>NOTE: one base64 value must sit on one line; base64 wrapped over several lines (MIME style) is
 * not joined and fails as {@code BAD_ENVELOPE} or {@code TRUNCATED_GZIP}.
 *
 * <p>Not thread-safe: one instance reads one source.
 */
final class Base64GzipLines {

  /** {@code H4sI} is the base64 form of the gzip magic number and the deflate method byte. */
  private static final byte[] BASE64_GZIP_PREFIX = "H4sI".getBytes(StandardCharsets.US_ASCII);

  private static final int PEEK_BYTES = 64;

  private final JsonRecordStreamer streamer;
  private final ReaderLimits limits;
  private final DecompressionGuard.Counters counters;

  Base64GzipLines(
      JsonRecordStreamer streamer, ReaderLimits limits, DecompressionGuard.Counters counters) {
    this.streamer = streamer;
    this.limits = limits;
    this.counters = counters;
  }

  /** Returns whether the source starts, after whitespace, with base64 of gzip data. */
  static boolean startsWithBase64Gzip(SourceByteStream bytes) throws IOException {
    byte[] head = bytes.peek(PEEK_BYTES);
    int start = 0;
    while (start < head.length && isWhitespace(head[start])) {
      start++;
    }
    if (head.length - start < BASE64_GZIP_PREFIX.length) {
      return false;
    }
    return Arrays.equals(
        head,
        start,
        start + BASE64_GZIP_PREFIX.length,
        BASE64_GZIP_PREFIX,
        0,
        BASE64_GZIP_PREFIX.length);
  }

  /**
   * Reads every line of {@code bytes} into {@code out}.
   *
   * @throws DamagedInputException when the decompression limit is reached
   * @throws IOException when the source cannot be read
   */
  void read(SourceByteStream bytes, RecordEmitter out) throws IOException {
    LineBuffer line = new LineBuffer(maxLineBytes());
    long lineNumber = 0;
    while (line.readLine(bytes)) {
      lineNumber++;
      if (line.tooLong()) {
        out.skip(
            lineNumber,
            SkipReason.RECORD_TOO_LARGE,
            "base64 line is longer than " + line.maxBytes() + " bytes");
        continue;
      }
      if (line.isBlank()) {
        continue;
      }
      readLine(line.decode(), lineNumber, bytes, out);
    }
  }

  private void readLine(byte[] text, long lineNumber, SourceByteStream bytes, RecordEmitter out)
      throws IOException {
    byte[] decoded;
    try {
      decoded = Base64.getMimeDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      out.skip(lineNumber, SkipReason.BAD_ENVELOPE, "invalid base64: " + e.getMessage());
      return;
    }

    InputStream payload = new ByteArrayInputStream(decoded);
    boolean gzip =
        decoded.length >= 2 && (decoded[0] & 0xff) == 0x1f && (decoded[1] & 0xff) == 0x8b;
    try {
      if (gzip) {
        payload = DecompressionGuard.open(payload, out.input(), bytes, limits, counters);
      } else {
        counters.addPlainBytes(decoded.length);
      }
      streamer.stream(payload, out, lineNumber);
    } catch (DamagedInputException e) {
      if (e.reason() != SkipReason.TRUNCATED_GZIP) {
        throw e;
      }
      // One damaged line does not spoil the next: each line is a gzip stream of its own.
      out.skip(lineNumber, e.reason(), e.getMessage());
    }
  }

  private long maxLineBytes() {
    // Base64 needs 4 bytes of text per 3 bytes of data.
    return Math.min(Integer.MAX_VALUE - 16, limits.maxRecordBytes() / 3 * 4 + 4);
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  /** One line of text, read byte by byte, kept up to a maximum length. */
  private static final class LineBuffer {
    private final long maxBytes;
    private byte[] bytes = new byte[8192];
    private int length;
    private boolean tooLong;

    LineBuffer(long maxBytes) {
      this.maxBytes = maxBytes;
    }

    /** Reads the next line without its line break; returns false at the end of the input. */
    boolean readLine(InputStream in) throws IOException {
      length = 0;
      tooLong = false;
      int b = in.read();
      if (b < 0) {
        return false;
      }
      while (b >= 0 && b != '\n') {
        append((byte) b);
        b = in.read();
      }
      return true;
    }

    private void append(byte b) {
      if (length >= maxBytes) {
        tooLong = true;
        return;
      }
      if (length == bytes.length) {
        bytes = Arrays.copyOf(bytes, (int) Math.min(maxBytes, 2L * bytes.length));
      }
      bytes[length++] = b;
    }

    boolean tooLong() {
      return tooLong;
    }

    long maxBytes() {
      return maxBytes;
    }

    boolean isBlank() {
      for (int i = 0; i < length; i++) {
        if (!isWhitespace(bytes[i])) {
          return false;
        }
      }
      return true;
    }

    byte[] decode() {
      return Arrays.copyOf(bytes, length);
    }
  }
}
