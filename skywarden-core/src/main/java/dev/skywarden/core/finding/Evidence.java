package dev.skywarden.core.finding;

import dev.skywarden.core.event.SourceLocation;
import java.time.Instant;

/** One event behind a finding: its id, time and where it was read. */
public record Evidence(String eventId, Instant time, SourceLocation location) {}
