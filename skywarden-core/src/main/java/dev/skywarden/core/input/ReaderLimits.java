package dev.skywarden.core.input;

/**
 * Limits that keep one damaged or hostile input from exhausting the heap, the stack or the run
 * time. All sizes are in bytes; every limit applies to one input source (one file or standard
 * input).
 *
 * @param maxRecordBytes largest record, in bytes of decompressed JSON, that is read into a tree;
 *     larger records are skipped as {@code RECORD_TOO_LARGE}. Also the maximum length of a single
 *     JSON string. At most {@link Integer#MAX_VALUE}.
 * @param maxNestingDepth deepest nesting of JSON arrays and objects; deeper records are skipped as
 *     {@code TOO_DEEP}
 * @param maxDecompressedBytes most bytes decompressed from one gzip source before reading stops
 *     with a {@code DECOMPRESSION_LIMIT} skip
 * @param ratioCheckAfterBytes decompressed bytes after which the compression ratio is checked
 * @param maxCompressionRatio largest accepted ratio of decompressed to compressed bytes once {@code
 *     ratioCheckAfterBytes} have been decompressed; a higher ratio stops reading as a compression
 *     bomb
 */
public record ReaderLimits(
    long maxRecordBytes,
    int maxNestingDepth,
    long maxDecompressedBytes,
    long ratioCheckAfterBytes,
    long maxCompressionRatio) {

  private static final long MIB = 1024L * 1024L;

  /**
   * Defaults: records up to 64 MiB, nesting up to 500 levels, 64 GiB decompressed per file, and a
   * ratio of at most 1000:1 once 64 MiB are decompressed. CloudTrail files compress about 10:1 to
   * 30:1, while deflate cannot exceed about 1032:1, so only near-maximal ratios (long runs of one
   * byte) trip the ratio check.
   */
  public static final ReaderLimits DEFAULTS =
      new ReaderLimits(64 * MIB, 500, 64 * 1024 * MIB, 64 * MIB, 1000);

  /**
   * Checks the limits.
   *
   * @throws IllegalArgumentException when a limit is not positive or {@code maxRecordBytes} exceeds
   *     {@link Integer#MAX_VALUE}
   */
  public ReaderLimits {
    requirePositive("maxRecordBytes", maxRecordBytes);
    requirePositive("maxNestingDepth", maxNestingDepth);
    requirePositive("maxDecompressedBytes", maxDecompressedBytes);
    requirePositive("ratioCheckAfterBytes", ratioCheckAfterBytes);
    requirePositive("maxCompressionRatio", maxCompressionRatio);
    if (maxRecordBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "maxRecordBytes must be at most " + Integer.MAX_VALUE + ", got " + maxRecordBytes);
    }
  }

  /** Returns a copy with another maximum record size in bytes. */
  public ReaderLimits withMaxRecordBytes(long bytes) {
    return new ReaderLimits(
        bytes, maxNestingDepth, maxDecompressedBytes, ratioCheckAfterBytes, maxCompressionRatio);
  }

  /** Returns a copy with another maximum nesting depth. */
  public ReaderLimits withMaxNestingDepth(int depth) {
    return new ReaderLimits(
        maxRecordBytes, depth, maxDecompressedBytes, ratioCheckAfterBytes, maxCompressionRatio);
  }

  /** Returns a copy with another limit on decompressed bytes per source. */
  public ReaderLimits withMaxDecompressedBytes(long bytes) {
    return new ReaderLimits(
        maxRecordBytes, maxNestingDepth, bytes, ratioCheckAfterBytes, maxCompressionRatio);
  }

  /** Returns a copy with another compression-ratio check. */
  public ReaderLimits withCompressionRatio(long checkAfterBytes, long maxRatio) {
    return new ReaderLimits(
        maxRecordBytes, maxNestingDepth, maxDecompressedBytes, checkAfterBytes, maxRatio);
  }

  private static void requirePositive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
