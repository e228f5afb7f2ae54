package dev.skywarden.core.input;

import dev.skywarden.core.stats.SkippedRecord;

/**
 * Receives what a reader finds in one input: records, and records it had to skip. A reader calls
 * exactly one of the two methods for every record it reads, so the receiver can count them all.
 *
 * <p>Implementations need not be thread-safe: a reader calls its sink from one thread.
 */
public interface RecordSink {

  /** Accepts one record that looks like an event. */
  void accept(RawRecord record);

  /** Accepts one record that could not be read or is not an event, with the reason. */
  void skip(SkippedRecord skipped);
}
