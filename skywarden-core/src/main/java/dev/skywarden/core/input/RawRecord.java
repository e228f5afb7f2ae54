package dev.skywarden.core.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.event.SourceLocation;

/**
 * One log record as read from an input, after containers and envelopes are removed: a JSON object
 * that should be a single audit event.
 *
 * @param node the record; never mutated after construction
 * @param location where the record was read
 */
public record RawRecord(JsonNode node, SourceLocation location) {}
