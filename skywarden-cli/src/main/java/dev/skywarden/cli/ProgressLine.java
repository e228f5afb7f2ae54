package dev.skywarden.cli;

import dev.skywarden.core.hunt.HuntProgress;
import dev.skywarden.core.report.Plurals;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A progress line on standard error for runs longer than a few seconds, shown only when the process
 * runs on a terminal. It rewrites itself with a carriage return and clears itself at the end, so it
 * never mixes with findings on standard output.
 */
final class ProgressLine implements AutoCloseable {

  /** How long a run must last before the line appears, in milliseconds. */
  static final long DELAY_MILLIS = 3_000;

  private static final long PERIOD_MILLIS = 500;

  private final HuntProgress progress;
  private final PrintWriter err;
  private final ScheduledExecutorService timer;
  private final long startedNanos = System.nanoTime();
  private volatile boolean shown;
  private ScheduledFuture<?> task;

  private ProgressLine(HuntProgress progress, PrintWriter err, ScheduledExecutorService timer) {
    this.progress = progress;
    this.err = err;
    this.timer = timer;
  }

  /**
   * Starts the line when {@code enabled} and the process has a terminal; otherwise returns a line
   * that does nothing.
   */
  static ProgressLine start(HuntProgress progress, boolean enabled, PrintWriter err) {
    if (!enabled || !Terminal.isInteractive()) {
      return new ProgressLine(progress, err, null);
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "skywarden-progress");
              thread.setDaemon(true);
              return thread;
            });
    ProgressLine line = new ProgressLine(progress, err, timer);
    line.task =
        timer.scheduleAtFixedRate(line::print, DELAY_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    return line;
  }

  private void print() {
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    long records = progress.records();
    err.printf(
        "\r%s done, %s (%.0f/s), %s  ",
        Plurals.count(progress.filesDone(), "file"),
        Plurals.count(records, "record"),
        records / Math.max(seconds, 0.001),
        Plurals.count(progress.hits(), "hit"));
    err.flush();
    shown = true;
  }

  @Override
  public void close() {
    if (timer == null) {
      return;
    }
    task.cancel(false);
    timer.shutdownNow();
    if (shown) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
