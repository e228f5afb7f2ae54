package dev.skywarden.core.stats;

import dev.skywarden.core.event.SourceLocation;

/**
 * One skipped record kept as a sample for the user: where it was, why, and a detail such as the
 * parser's message.
 */
public record SkippedRecord(SourceLocation location, SkipReason reason, String detail) {

  /** Formats the sample as {@code input:line (record n): reason: detail}. */
  public String message() {
    return location + ": " + reason.description() + (detail == null ? "" : ": " + detail);
  }
}
