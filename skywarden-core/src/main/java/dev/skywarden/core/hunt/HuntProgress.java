package dev.skywarden.core.hunt;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of a running hunt, for progress lines. Workers add to them; any thread may read
 * them at any time. Readings taken while the hunt runs are approximate.
 */
public final class HuntProgress {

  private final AtomicLong filesDone = new AtomicLong();
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong findingsHits = new AtomicLong();
  private volatile int filesTotal;

  void start(int totalFiles) {
    this.filesTotal = totalFiles;
  }

  void fileDone() {
    filesDone.incrementAndGet();
  }

  void record() {
    records.incrementAndGet();
  }

  void hit() {
    findingsHits.incrementAndGet();
  }

  public int filesTotal() {
    return filesTotal;
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
