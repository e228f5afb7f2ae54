package dev.skywarden.core.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counters for one input (a path given by the user, or standard input): files read, records read,
 * events parsed and records skipped by reason, with a bounded list of skip samples.
 *
 * <p>The accounting invariant is {@code records == events + skipped()}; {@link #checkInvariant()}
 * verifies it. Instances are not thread-safe: each worker fills its own and the results are joined
 * with {@link #add(InputStatistics)} in input order, so totals and samples do not depend on thread
 * scheduling.
 */
public final class InputStatistics {

  /** How many skip samples are kept per input. */
  public static final int MAX_SAMPLES = 20;

  private final String input;
  private long files;
  private long records;
  private long events;
  private long uncompressedBytes;
  private final Map<SkipReason, Long> skippedByReason = new EnumMap<>(SkipReason.class);
  private final List<SkippedRecord> samples = new ArrayList<>();

  public InputStatistics(String input) {
    this.input = input;
  }

  public String input() {
    return input;
  }

  public void countFile() {
    files++;
  }

  public void countRecord() {
    records++;
  }

  public void countEvent() {
    events++;
  }

  /** Adds to the count of uncompressed bytes read from this input. */
  public void addBytes(long bytes) {
    uncompressedBytes += bytes;
  }

  /** Counts one skipped record and keeps it as a sample while fewer than the maximum are kept. */
  public void countSkipped(SkippedRecord skipped) {
    skippedByReason.merge(skipped.reason(), 1L, Long::sum);
    if (samples.size() < MAX_SAMPLES) {
      samples.add(skipped);
    }
  }

  /** Adds another input's counters to this one, keeping samples up to the maximum. */
  public void add(InputStatistics other) {
    files += other.files;
    records += other.records;
    events += other.events;
    uncompressedBytes += other.uncompressedBytes;
    other.skippedByReason.forEach(
        (reason, count) -> skippedByReason.merge(reason, count, Long::sum));
    for (SkippedRecord sample : other.samples) {
      if (samples.size() >= MAX_SAMPLES) {
        break;
      }
      samples.add(sample);
    }
  }

  public long files() {
    return files;
  }

  public long records() {
    return records;
  }

  public long events() {
    return events;
  }

  public long uncompressedBytes() {
    return uncompressedBytes;
  }

  /** Returns the number of skipped records over all reasons. */
  public long skipped() {
    long total = 0;
    for (long count : skippedByReason.values()) {
      total += count;
    }
    return total;
  }

  /**
   * Returns the number of records skipped for a reason that is a problem with the input; see {@link
   * SkipReason#isProblem()}.
   */
  public long skippedProblems() {
    long total = 0;
    for (Map.Entry<SkipReason, Long> entry : skippedByReason.entrySet()) {
      if (entry.getKey().isProblem()) {
        total += entry.getValue();
      }
    }
    return total;
  }

  /** Returns the number of records skipped for {@code reason}. */
  public long skipped(SkipReason reason) {
    return skippedByReason.getOrDefault(reason, 0L);
  }

  /** Returns an unmodifiable view of the skipped counts, in {@link SkipReason} order. */
  public Map<SkipReason, Long> skippedByReason() {
    return Collections.unmodifiableMap(skippedByReason);
  }

  /** Returns the first skipped records, at most {@link #MAX_SAMPLES}. */
  public List<SkippedRecord> samples() {
    return Collections.unmodifiableList(samples);
  }

  /**
   * Checks that every record read is accounted for.
   *
   * @throws IllegalStateException when records differ from events plus skipped records
   */
  public void checkInvariant() {
    if (records != events + skipped()) {
      throw new IllegalStateException(
          "accounting broken for "
              + input
              + ": records="
              + records
              + " events="
              + events
              + " skipped="
              + skipped());
    }
  }
}
