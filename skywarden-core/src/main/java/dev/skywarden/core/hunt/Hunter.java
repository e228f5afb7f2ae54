package dev.skywarden.core.hunt;

import dev.skywarden.core.analytics.PrincipalKeys;
import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.detect.Detector;
import dev.skywarden.core.detect.DetectorRun;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.incident.AttackSequencer;
import dev.skywarden.core.input.InputWalk;
import dev.skywarden.core.input.LogReader;
import dev.skywarden.core.netintel.NetworkIntel;
import dev.skywarden.core.normalize.EventNormalizer;
import dev.skywarden.core.stats.InputStatistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a hunt: reads every source of every input, normalises the records, passes the events to the
 * detectors and folds their hits into findings.
 *
 * <p>Sources are read in parallel, one task per file on a pool of {@code threads} workers, with at
 * most {@link #TASKS_AHEAD_PER_WORKER} tasks per worker in flight ({@link OrderedTaskWindow}), so
 * the hunt's per-file state stays bounded however many files there are. Each task fills its own
 * {@link InputStatistics}; the statistics are joined in input order as tasks finish and the
 * findings come from an order-independent {@link FindingAggregator}, so the result is the same
 * whatever the number of threads or the order in which files finish. Detectors that need every
 * event, such as Sigma correlation rules, report when all sources have been read ({@link
 * DetectorRun#finish}), from state that does not depend on that order either.
 *
 * <p>A hunter is immutable and may run several hunts, one after another or at once.
 */
public final class Hunter {

  private static final Logger log = LoggerFactory.getLogger(Hunter.class);

  /**
   * Source tasks in flight per worker: enough to keep each worker busy while the oldest outcome is
   * joined, and few enough that the hunt's per-file state does not grow with the number of files.
   */
  static final int TASKS_AHEAD_PER_WORKER = 4;

  private final LogReader reader;
  private final EventNormalizer normalizer;
  private final List<Detector> detectors;
  private final ControlCatalog catalog;
  private final int threads;
  private final NetworkIntel networkIntel;
  private final AttackSequencer sequencer;

  /**
   * Creates a hunter.
   *
   * @param catalog resolves the ATT&CK techniques of findings to their controls
   * @param threads number of worker threads, at least 1
   * @throws IllegalArgumentException when {@code threads} is less than 1
   */
  public Hunter(
      LogReader reader,
      EventNormalizer normalizer,
      List<Detector> detectors,
      ControlCatalog catalog,
      int threads) {
    this(reader, normalizer, detectors, catalog, threads, null, null);
  }

  /**
   * Creates a hunter that adds network intel to the source of every event before the detectors see
   * it ({@link dev.skywarden.core.event.SourceAddress#network()}).
   *
   * @param networkIntel the intel, or {@code null} to leave sources as the normaliser made them
   * @param sequencer chains the findings into attack sequences once they are folded, adding an
   *     incident finding per sequence; {@code null} for none
   * @throws IllegalArgumentException when {@code threads} is less than 1
   */
  public Hunter(
      LogReader reader,
      EventNormalizer normalizer,
      List<Detector> detectors,
      ControlCatalog catalog,
      int threads,
      NetworkIntel networkIntel,
      AttackSequencer sequencer) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    this.reader = Objects.requireNonNull(reader, "reader");
    this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
    this.detectors = List.copyOf(detectors);
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.threads = threads;
    this.networkIntel = networkIntel;
    this.sequencer = sequencer;
  }

  /**
   * Hunts through the given inputs, taking their sources from {@code inputs} as workers become
   * free, so a directory of millions of files is never listed in full.
   *
   * @param inputs the sources to read; the hunt takes them all
   * @param progress counters that this hunt updates as it goes; pass a new instance per hunt
   * @throws InterruptedException when the calling thread is interrupted while waiting for workers
   * @throws IllegalStateException when the accounting of an input does not add up (a bug)
   */
  public HuntResult hunt(InputWalk inputs, HuntProgress progress) throws InterruptedException {
    long started = System.nanoTime();
    FindingAggregator aggregator = new FindingAggregator(catalog, PrincipalKeys::profileName);
    List<DetectorRun> runs = new ArrayList<>();
    for (Detector detector : detectors) {
      runs.add(detector.startRun());
    }
    offerRereading(inputs.userPaths(), runs);
    SourceTask.Context context =
        new SourceTask.Context(
            reader, normalizer, networkIntel, detectors, runs, aggregator, progress);

    List<InputStatistics> perInput = new ArrayList<>();
    for (String userPath : inputs.userPaths()) {
      perInput.add(new InputStatistics(userPath));
    }
    long[] detectorErrors = {0};
    // The number of files is not known before the walk ends, so the pool always has every worker;
    // idle ones cost a thread each.
    ExecutorService pool = Executors.newFixedThreadPool(threads, new WorkerThreads());
    try {
      // Outcomes are joined in input order, so statistics and samples do not depend on threads.
      OrderedTaskWindow.run(
          pool,
          threads * TASKS_AHEAD_PER_WORKER,
          tasks(inputs, context),
          future -> {
            SourceOutcome done = await(future);
            perInput.get(done.input()).add(done.outcome().statistics());
            detectorErrors[0] += done.outcome().detectorErrors();
          });
    } finally {
      pool.shutdownNow();
    }
    return collect(perInput, detectorErrors[0], context, started, sequencer);
  }

  /**
   * Offers the rereader to runs that can keep references to records, when every input is a file or
   * directory. With standard input or a pipe, runs keep copies. Decided once per hunt, before the
   * first event.
   */
  private void offerRereading(List<String> userPaths, List<DetectorRun> runs) {
    RecordRereader rereader = RecordRereader.forFiles(userPaths, reader, normalizer, networkIntel);
    if (rereader == null) {
      return;
    }
    for (DetectorRun run : runs) {
      if (run instanceof RereadingRun rereading) {
        rereading.rereadWith(rereader);
      }
    }
  }

  /** The outcome of one source and the index of the user input it belongs to. */
  private record SourceOutcome(int input, SourceTask.Outcome outcome) {}

  /** Returns the task of each source of {@code inputs}, in input order, made as it is taken. */
  private static Iterator<Callable<SourceOutcome>> tasks(
      InputWalk inputs, SourceTask.Context context) {
    List<String> userPaths = inputs.userPaths();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return inputs.hasNext();
      }

      @Override
      public Callable<SourceOutcome> next() {
        InputWalk.Discovered next = inputs.next();
        int index = next.input();
        SourceTask task = new SourceTask(context, userPaths.get(index), next.source());
        return () -> new SourceOutcome(index, task.call());
      }
    };
  }

  private static HuntResult collect(
      List<InputStatistics> perInput,
      long detectorErrors,
      SourceTask.Context context,
      long startedNanos,
      AttackSequencer sequencer) {
    InputStatistics total = new InputStatistics("total");
    for (InputStatistics statistics : perInput) {
      statistics.checkInvariant();
      total.add(statistics);
    }

    // Every source has been read: detectors that need all events (correlations) report now.
    long errors = detectorErrors + finishRuns(context);

    List<Finding> findings = context.aggregator().findings();
    if (sequencer != null) {
      findings = sequencer.addIncidents(findings);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
    return new HuntResult(findings, perInput, total, errors, elapsed);
  }

  /** Finishes every detector run in detector order; returns how many of them threw. */
  private static long finishRuns(SourceTask.Context context) {
    long errors = 0;
    for (int i = 0; i < context.runs().size(); i++) {
      try {
        context
            .runs()
            .get(i)
            .finish(
                hit -> {
                  context.aggregator().add(hit);
                  context.progress().hit();
                });
      } catch (RuntimeException e) {
        // Like a failure on one event, a failing finish must not lose the other findings.
        errors++;
        log.error(
            "detector {} failed when finishing the hunt: {}",
            context.detectors().get(i).name(),
            e.toString(),
            e);
      }
    }
    return errors;
  }

  private static SourceOutcome await(Future<SourceOutcome> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      // Readers and normalisers turn bad input into skips, so anything here is a bug.
      throw new IllegalStateException("hunt worker failed: " + e.getCause(), e.getCause());
    }
  }
}
