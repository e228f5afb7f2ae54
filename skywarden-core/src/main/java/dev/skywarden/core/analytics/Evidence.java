package dev.skywarden.core.analytics;

import dev.skywarden.core.event.CloudEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * An event that a profile, time bucket or feature value keeps as evidence: a slimmed copy of the
 * event ({@link Copy}), or its time and the place of its record in a file ({@link Reference}), from
 * which {@link EvidenceStore} reads the event again when a hit needs it.
 *
 * <p>Instances are immutable and shared by every place that keeps the same event.
 */
sealed interface Evidence permits Evidence.Copy, Evidence.Reference {

  /** Returns the time of the event. */
  Instant time();

  /**
   * Compares the kept event with {@code candidate} in the order of {@link EventOrder#FIRST}:
   * negative when the kept event comes first, zero when both are the same event.
   *
   * @param inputs the names of the inputs that references point to
   */
  int compareTo(CloudEvent candidate, InputNames inputs);

  /**
   * A slimmed copy of the event ({@link EventOrder#slim}), for inputs that cannot be read twice.
   */
  record Copy(CloudEvent event) implements Evidence {

    public Copy {
      Objects.requireNonNull(event, "event");
    }

    @Override
    public Instant time() {
      return event.time();
    }

    @Override
    public int compareTo(CloudEvent candidate, InputNames inputs) {
      return EventOrder.FIRST.compare(event, candidate);
    }
  }

  /**
   * The place of an event's record: the input, numbered by {@link InputNames}, and the record index
   * within it, with the event's time and a hash of its content to check the record read again. 40
   * bytes, where a slimmed copy with its event id, time and location costs about 250.
   *
   * <p>Two references are equal when they have the same input number and record index, so they name
   * the same record, which is one event: a normaliser makes at most one event of a record. One
   * record may also have references under two numbers ({@link InputNames}).
   */
  final class Reference implements Evidence {
    private final long epochSecond;
    private final int nano;
    private final int input;
    private final long recordIndex;
    private final int contentHash;

    Reference(CloudEvent event, int input) {
      Instant time = event.time();
      this.epochSecond = time.getEpochSecond();
      this.nano = time.getNano();
      this.input = input;
      this.recordIndex = event.location().recordIndex();
      this.contentHash = contentHash(event);
    }

    /** Returns the number of the input, as {@link InputNames#name(int)} takes it. */
    int input() {
      return input;
    }

    /** Returns the 1-based index of the record within its input. */
    long recordIndex() {
      return recordIndex;
    }

    /**
     * Returns whether {@code event}, read again from this record, is the event that was kept: the
     * same time and content hash. A record changed since the hunt read it fails this check, also
     * when it keeps its event id and time, unless the 32-bit hashes collide.
     */
    boolean matches(CloudEvent event) {
      Instant time = event.time();
      return time.getEpochSecond() == epochSecond
          && time.getNano() == nano
          && contentHash(event) == contentHash;
    }

    /**
     * Returns a hash of what the analytics and a finding read of an event: its id, account, region,
     * actor, credential, source address, user agent, operation, outcome and resources. The id alone
     * would pass a record whose other fields were edited, and the finding would show them.
     */
    private static int contentHash(CloudEvent event) {
      return Objects.hash(
          event.eventId(),
          event.account(),
          event.region(),
          event.actor(),
          event.credential(),
          event.source().text(),
          event.userAgent(),
          event.api(),
          event.outcome(),
          event.resources());
    }

    @Override
    public Instant time() {
      return Instant.ofEpochSecond(epochSecond, nano);
    }

    @Override
    public int compareTo(CloudEvent candidate, InputNames inputs) {
      Instant time = candidate.time();
      int order = Long.compare(epochSecond, time.getEpochSecond());
      if (order != 0) {
        return order;
      }
      order = Integer.compare(nano, time.getNano());
      if (order != 0) {
        return order;
      }
      String candidateInput = candidate.location().input();
      String name = inputs.name(input);
      if (!name.equals(candidateInput)) {
        return name.compareTo(candidateInput);
      }
      // One record is one event, so the line and event id that EventOrder.FIRST compares next are
      // equal whenever the record index is.
      return Long.compare(recordIndex, candidate.location().recordIndex());
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Reference reference
          && reference.input == input
          && reference.recordIndex == recordIndex;
    }

    @Override
    public int hashCode() {
      return 31 * input + Long.hashCode(recordIndex);
    }

    @Override
    public String toString() {
      return "record " + recordIndex + " of input " + input + " at " + time();
    }
  }
}
