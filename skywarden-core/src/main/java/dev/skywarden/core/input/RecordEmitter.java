package dev.skywarden.core.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.stats.SkipReason;
import dev.skywarden.core.stats.SkippedRecord;
import java.util.EnumMap;
import java.util.Map;

/**
 * Numbers the records of one source in reading order, passes each to the sink exactly once, and
 * counts what was passed. Not thread-safe.
 */
final class RecordEmitter {

  private final String input;
  private final RecordSink sink;
  private long records;
  private long accepted;
  private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);

  RecordEmitter(String input, RecordSink sink) {
    this.input = input;
    this.sink = sink;
  }

  /** Passes one record found at {@code line} (1-based, 0 when unknown) to the sink. */
  void accept(JsonNode node, long line) {
    records++;
    accepted++;
    sink.accept(new RawRecord(node, new SourceLocation(input, records, line)));
  }

  /** Passes one skipped record found at {@code line} (1-based, 0 when unknown) to the sink. */
  void skip(long line, SkipReason reason, String detail) {
    records++;
    skipped.merge(reason, 1L, Long::sum);
    sink.skip(new SkippedRecord(new SourceLocation(input, records, line), reason, detail));
  }

  String input() {
    return input;
  }

  ReadSummary summary(long sourceBytes, long uncompressedBytes) {
    return new ReadSummary(input, records, accepted, skipped, sourceBytes, uncompressedBytes);
  }
}
