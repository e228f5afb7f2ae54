package dev.skywarden.core.input;

import dev.skywarden.core.stats.SkipReason;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The outcome of one {@link LogReader#read} call on one source.
 *
 * <p>Invariant: {@code records == accepted + skipped()}, because each record read ends in exactly
 * one call of {@link RecordSink#accept} or {@link RecordSink#skip}.
 *
 * @param input the source name
 * @param records records read, each passed to the sink once
 * @param accepted records passed to {@link RecordSink#accept}
 * @param skippedByReason records passed to {@link RecordSink#skip}, by reason
 * @param sourceBytes bytes read from the source as stored (compressed for gzip)
 * @param uncompressedBytes bytes after gzip and base64 decoding; for throughput statistics
 */
public record ReadSummary(
    String input,
    long records,
    long accepted,
    Map<SkipReason, Long> skippedByReason,
    long sourceBytes,
    long uncompressedBytes) {

  public ReadSummary {
    EnumMap<SkipReason, Long> copy = new EnumMap<>(SkipReason.class);
    copy.putAll(skippedByReason);
    skippedByReason = Collections.unmodifiableMap(copy);
  }

  /** Returns the number of skipped records over all reasons. */
  public long skipped() {
    long total = 0;
    for (long count : skippedByReason.values()) {
      total += count;
    }
    return total;
  }

  /** Returns the number of records skipped for {@code reason}. */
  public long skipped(SkipReason reason) {
    return skippedByReason.getOrDefault(reason, 0L);
  }
}
