package dev.skywarden.core.finding;

import dev.skywarden.core.event.NetworkInfo;
import dev.skywarden.core.event.SourceLocation;
import java.time.Instant;

/**
 * One event behind a finding: its id, time and where it was read, with the call it made.
 *
 * @param eventId the provider's event id
 * @param time when the event happened
 * @param location where the record was read
 * @param service the API service called, or {@code null}
 * @param operation the API operation called, or {@code null}
 * @param sourceAddress the source address as text (an IP literal or a name), or empty
 * @param network the network intel of the source address, or {@code null} when the hunt had none
 */
public record Evidence(
    String eventId,
    Instant time,
    SourceLocation location,
    String service,
    String operation,
    String sourceAddress,
    NetworkInfo network) {

  /** Creates evidence without network intel. */
  public Evidence(
      String eventId,
      Instant time,
      SourceLocation location,
      String service,
      String operation,
      String sourceAddress) {
    this(eventId, time, location, service, operation, sourceAddress, null);
  }
}
