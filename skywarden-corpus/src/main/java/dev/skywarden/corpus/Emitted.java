package dev.skywarden.corpus;

import java.time.Instant;
import java.util.Comparator;

/**
 * One generated record, serialised, with where it goes. Immutable by convention: callers must not
 * change the array that {@link #json()} returns.
 */
final class Emitted {

  /** Time order, then id order, so that records of one file are sorted the same in every run. */
  static final Comparator<Emitted> ORDER =
      Comparator.comparing(Emitted::time).thenComparing(Emitted::eventId);

  private final Instant time;
  private final String eventId;
  private final String stream;
  private final byte[] json;

  /**
   * @param time the event time
   * @param eventId the record's own id (CloudTrail eventID, Azure serviceRequestId, Entra id, GCP
   *     insertId)
   * @param stream where it is delivered: see {@link Streams}
   * @param json the record as compact UTF-8 JSON
   */
  Emitted(Instant time, String eventId, String stream, byte[] json) {
    this.time = time;
    this.eventId = eventId;
    this.stream = stream;
    this.json = json;
  }

  Instant time() {
    return time;
  }

  String eventId() {
    return eventId;
  }

  String stream() {
    return stream;
  }

  byte[] json() {
    return json;
  }
}
