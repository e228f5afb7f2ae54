package dev.skywarden.core.hunt;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of a running hunt, for progress lines. Workers add to them; any thread may read
 * them at any time. Each source task adds its records and hits in batches, so readings taken while
 * the hunt runs are approximate. Once the hunt has returned, the counters are exact.
 *
 * <p>There is no total number of files: inputs are discovered while they are read, so the total is
 * known only at the end.
 */
public final class HuntProgress {

  private final AtomicLong filesDone = new AtomicLong();
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong findingsHits = new AtomicLong();

  void fileDone() {
    filesDone.incrementAndGet();
  }

  void record() {
    records.incrementAndGet();
  }

  void addRecords(long count) {
    records.addAndGet(count);
  }

  void hit() {
    findingsHits.incrementAndGet();
  }

  void addHits(long count) {
    findingsHits.addAndGet(count);
  }

  public long filesDone() {
    return filesDone.get();
  }

  public long records() {
    return records.get();
  }

  /** Returns the number of detection hits so far (before they are folded into findings). */
  public long hits() {
    return findingsHits.get();
  }
}
