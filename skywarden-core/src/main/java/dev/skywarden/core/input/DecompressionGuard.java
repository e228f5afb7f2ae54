package dev.skywarden.core.input;

import dev.skywarden.core.stats.SkipReason;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Decompressed bytes of a gzip source, counted against {@link ReaderLimits}. Reading past a limit
 * raises {@link DamagedInputException} with {@code DECOMPRESSION_LIMIT}; a gzip stream that ends
 * early or fails its checksum raises one with {@code TRUNCATED_GZIP}. Errors of the underlying
 * source pass through unchanged, so they are counted as read errors.
 *
 * <p>One guard covers all gzip streams of one source: the counters are shared through {@link
 * Counters}. Not thread-safe.
 */
final class DecompressionGuard extends FilterInputStream {

  /** Small enough that the compressed bytes consumed, and so the ratio, are known to 8 KiB. */
  private static final int INFLATE_BUFFER_BYTES = 8 * 1024;

  /** Byte counters of one source. */
  static final class Counters {
    private long decompressedBytes;

    private long plainBytes;
    private boolean compressed;

    /** Returns the decoded bytes: decompressed gzip plus plain payloads. */
    long decodedBytes() {
      return decompressedBytes + plainBytes;
    }

    /** Returns whether any gzip or base64 data was decoded. */
    boolean compressed() {
      return compressed;
    }

    /** Counts decoded bytes that were not compressed, such as a plain base64 payload. */
    void addPlainBytes(long bytes) {
      plainBytes += bytes;
      compressed = true;
    }
  }

  private final String input;
  private final SourceByteStream source;
  private final ReaderLimits limits;
  private final Counters counters;

  private DecompressionGuard(
      InputStream gzip,
      String input,
      SourceByteStream source,
      ReaderLimits limits,
      Counters counters) {
    super(gzip);
    this.input = input;
    this.source = source;
    this.limits = limits;
    this.counters = counters;
  }

  /**
   * Opens the gzip stream that starts at the current position of {@code compressed}.
   *
   * @param compressed the gzip bytes; may be {@code source} itself or a stream decoded from it
   * @throws DamagedInputException when the gzip header is invalid
   * @throws IOException when the source cannot be read
   */
  static DecompressionGuard open(
      InputStream compressed,
      String input,
      SourceByteStream source,
      ReaderLimits limits,
      Counters counters)
      throws IOException {
    GZIPInputStream gzip;
    try {
      gzip = new GZIPInputStream(compressed, INFLATE_BUFFER_BYTES);
    } catch (IOException e) {
      throw translate(e, input, source);
    }
    counters.compressed = true;
    return new DecompressionGuard(gzip, input, source, limits, counters);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n;
    try {
      n = in.read(buffer, offset, length);
    } catch (IOException e) {
      throw translate(e, input, source);
    }
    if (n > 0) {
      counters.decompressedBytes += n;
      checkLimits();
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(n, 8192)];
    long skipped = 0;
    while (skipped < n) {
      int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  private void checkLimits() throws DamagedInputException {
    long decompressed = counters.decompressedBytes;
    if (decompressed > limits.maxDecompressedBytes()) {
      throw new DamagedInputException(
          SkipReason.DECOMPRESSION_LIMIT,
          "stopped reading "
              + input
              + " after "
              + decompressed
              + " decompressed bytes (limit "
              + limits.maxDecompressedBytes()
              + " bytes)");
    }
    if (decompressed > limits.ratioCheckAfterBytes()) {
      long compressed = Math.max(1, source.bytesConsumed());
      if (decompressed / compressed > limits.maxCompressionRatio()) {
        throw new DamagedInputException(
            SkipReason.DECOMPRESSION_LIMIT,
            "stopped reading "
                + input
                + ": "
                + decompressed
                + " bytes decompressed from "
                + compressed
                + " compressed bytes exceeds the ratio limit "
                + limits.maxCompressionRatio()
                + ":1 (possible compression bomb)");
      }
    }
  }

  private static IOException translate(IOException error, String input, SourceByteStream source) {
    if (error instanceof DamagedInputException || source.failure() != null) {
      return error;
    }
    return new DamagedInputException(
        SkipReason.TRUNCATED_GZIP,
        "gzip stream of " + input + " is truncated or corrupt: " + describe(error),
        error);
  }

  /** Returns the error's message, or what its type means when it has none (an EOF has none). */
  private static String describe(IOException error) {
    if (error.getMessage() != null) {
      return error.getMessage();
    }
    if (error instanceof java.io.EOFException) {
      return "the data ends before the gzip trailer";
    }
    return error.getClass().getSimpleName();
  }
}
