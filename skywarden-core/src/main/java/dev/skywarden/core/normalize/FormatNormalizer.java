package dev.skywarden.core.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.SourceLocation;

/** Maps records of one log format to events. Implementations are immutable and thread-safe. */
interface FormatNormalizer {

  /**
   * Maps one record of this normaliser's format.
   *
   * @param record the record as read, which is never mutated
   * @param location where the record was read, for synthetic ids
   * @throws SkipException when the record lacks a usable time or a required field
   */
  CloudEvent normalize(JsonNode record, SourceLocation location) throws SkipException;

  /** Returns a stable id for a record without a provider id: {@code input#recordIndex}. */
  static String syntheticId(SourceLocation location) {
    return location.input() + "#" + location.recordIndex();
  }
}
