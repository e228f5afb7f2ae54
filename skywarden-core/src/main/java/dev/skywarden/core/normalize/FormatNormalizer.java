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

  /**
   * Maps one record whose top-level {@link JsonFields#keyBits} are known already, so that lookups
   * of absent top-level fields need not scan its keys. The result is that of {@link
   * #normalize(JsonNode, SourceLocation)}.
   *
   * @throws SkipException when the record lacks a usable time or a required field
   */
  default CloudEvent normalize(JsonNode record, SourceLocation location, long keyBits)
      throws SkipException {
    return normalize(record, location);
  }

  /** Returns a stable id for a record without a provider id: {@code input#recordIndex}. */
  static String syntheticId(SourceLocation location) {
    return location.input() + "#" + location.recordIndex();
  }
}
