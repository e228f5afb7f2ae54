package dev.skywarden.corpus;

import java.time.Duration;
import java.time.Instant;

/**
 * One five-minute slice of corpus time; the unit in which the generator works and CloudTrail
 * delivers files.
 *
 * @param index slices since the Unix epoch
 */
record Slice(long index) {

  static final long SECONDS = 300;
  static final Duration LENGTH = Duration.ofSeconds(SECONDS);

  static Slice containing(Instant time) {
    return new Slice(Math.floorDiv(time.getEpochSecond(), SECONDS));
  }

  Instant start() {
    return Instant.ofEpochSecond(index * SECONDS);
  }

  Instant end() {
    return start().plus(LENGTH);
  }

  /** Hours since the Unix epoch. */
  long hourIndex() {
    return Math.floorDiv(index, 12);
  }

  /** Days since the Unix epoch. */
  long dayIndex() {
    return Math.floorDiv(index, 288);
  }

  /** Returns a time in the slice at the given offset, clamped to the slice. */
  Instant at(long offsetSeconds) {
    return start().plusSeconds(Math.max(0, Math.min(SECONDS - 1, offsetSeconds)));
  }
}
