package dev.skywarden.core.hunt;

import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.detect.Detector;
import dev.skywarden.core.detect.DetectorRun;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.input.InputDiscovery.UserInput;
import dev.skywarden.core.input.InputSource;
import dev.skywarden.core.input.LogReader;
import dev.skywarden.core.netintel.NetworkIntel;
import dev.skywarden.core.normalize.EventNormalizer;
import dev.skywarden.core.stats.InputStatistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * <p>Sources are read in parallel, one task per file on a pool of {@code threads} workers. Each
 * task fills its own {@link InputStatistics}; the statistics are joined in input order afterwards
 * and the findings come from an order-independent {@link FindingAggregator}, so the result is the
 * same whatever the number of threads or the order in which files finish. Detectors that need every
 * event, such as Sigma correlation rules, report when all sources have been read ({@link
 * DetectorRun#finish}), from state that does not depend on that order either.
 *
 * <p>A hunter is immutable and may run several hunts, one after another or at once.
 */
public final class Hunter {

  private static final Logger log = LoggerFactory.getLogger(Hunter.class);

  private final LogReader reader;
  private final EventNormalizer normalizer;
  private final List<Detector> detectors;
  private final ControlCatalog catalog;
  private final int threads;
  private final NetworkIntel networkIntel;

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
    this(reader, normalizer, detectors, catalog, threads, null);
  }

  /**
   * Creates a hunter that adds network intel to the source of every event before the detectors see
   * it ({@link dev.skywarden.core.event.SourceAddress#network()}).
   *
   * @param networkIntel the intel, or {@code null} to leave sources as the normaliser made them
   * @throws IllegalArgumentException when {@code threads} is less than 1
   */
  public Hunter(
      LogReader reader,
      EventNormalizer normalizer,
      List<Detector> detectors,
      ControlCatalog catalog,
      int threads,
      NetworkIntel networkIntel) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    this.reader = Objects.requireNonNull(reader, "reader");
    this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
    this.detectors = List.copyOf(detectors);
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.threads = threads;
    this.networkIntel = networkIntel;
  }

  /**
   * Hunts through the given inputs.
   *
   * @param progress counters that this hunt updates as it goes; pass a new instance per hunt
   * @throws InterruptedException when the calling thread is interrupted while waiting for workers
   * @throws IllegalStateException when the accounting of an input does not add up (a bug)
   */
  public HuntResult hunt(List<UserInput> inputs, HuntProgress progress)
      throws InterruptedException {
    long started = System.nanoTime();
    FindingAggregator aggregator = new FindingAggregator(catalog);
    List<DetectorRun> runs = new ArrayList<>();
    for (Detector detector : detectors) {
      runs.add(detector.startRun());
    }
    SourceTask.Context context =
        new SourceTask.Context(
            reader, normalizer, networkIntel, detectors, runs, aggregator, progress);

    List<List<Future<SourceTask.Outcome>>> futures = new ArrayList<>();
    int totalFiles = inputs.stream().mapToInt(input -> input.sources().size()).sum();
    progress.start(totalFiles);

    // More workers than files would only sit idle.
    int workers = Math.max(1, Math.min(threads, totalFiles));
    ExecutorService pool = Executors.newFixedThreadPool(workers, new WorkerThreads());
    try {
      for (UserInput input : inputs) {
        List<Future<SourceTask.Outcome>> perInput = new ArrayList<>();
        for (InputSource source : input.sources()) {
          perInput.add(pool.submit(new SourceTask(context, input.userPath(), source)));
        }
        futures.add(perInput);
      }
      return collect(inputs, futures, context, started);
    } finally {
      pool.shutdownNow();
    }
  }

  private static HuntResult collect(
      List<UserInput> inputs,
      List<List<Future<SourceTask.Outcome>>> futures,
      SourceTask.Context context,
      long startedNanos)
      throws InterruptedException {
    List<InputStatistics> perInput = new ArrayList<>();
    InputStatistics total = new InputStatistics("total");
    long detectorErrors = 0;

    for (int i = 0; i < inputs.size(); i++) {
      InputStatistics statistics = new InputStatistics(inputs.get(i).userPath());
      for (Future<SourceTask.Outcome> future : futures.get(i)) {
        SourceTask.Outcome outcome = await(future);
        statistics.add(outcome.statistics());
        detectorErrors += outcome.detectorErrors();
      }
      statistics.checkInvariant();
      perInput.add(statistics);
      total.add(statistics);
    }

    // Every source has been read: detectors that need all events (correlations) report now.
    detectorErrors += finishRuns(context);

    Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
    return new HuntResult(
        context.aggregator().findings(), perInput, total, detectorErrors, elapsed);
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

  private static SourceTask.Outcome await(Future<SourceTask.Outcome> future)
      throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      // Readers and normalisers turn bad input into skips, so anything here is a bug.
      throw new IllegalStateException("hunt worker failed: " + e.getCause(), e.getCause());
    }
  }
}
