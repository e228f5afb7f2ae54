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
      this(event.time(), input, event.location().recordIndex(), contentHash(event));
    }

    private Reference(Instant time, int input, long recordIndex, int contentHash) {
      this(time.getEpochSecond(), time.getNano(), input, recordIndex, contentHash);
    }

    /** Rebuilds a reference from its parts, as {@link TimeBuckets} stores them in arrays. */
    Reference(long epochSecond, int nano, int input, long recordIndex, int contentHash) {
      this.epochSecond = epochSecond;
      this.nano = nano;
      this.input = input;
      this.recordIndex = recordIndex;
      this.contentHash = contentHash;
    }

    /** Returns the event's time in whole seconds since the epoch. */
    long epochSecond() {
      return epochSecond;
    }

    /** Returns the nanoseconds of the event's time within its second. */
    int nano() {
      return nano;
    }

    /** Returns the hash of the event's content ({@link #matches}). */
    int contentHash() {
      return contentHash;
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
      return compare(epochSecond, nano, input, recordIndex, candidate, inputs);
    }

    /**
     * Compares the event of a reference, given by its parts, with {@code candidate} as {@link
     * #compareTo} does, without making the reference.
     */
    static int compare(
        long epochSecond,
        int nano,
        int input,
        long recordIndex,
        CloudEvent candidate,
        InputNames inputs) {
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
