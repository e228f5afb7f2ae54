package dev.skywarden.core.hunt;

import dev.skywarden.core.detect.Detector;
import dev.skywarden.core.detect.DetectorRun;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.input.InputSource;
import dev.skywarden.core.input.LogReader;
import dev.skywarden.core.input.RawRecord;
import dev.skywarden.core.input.ReadSummary;
import dev.skywarden.core.input.RecordSink;
import dev.skywarden.core.netintel.NetworkIntel;
import dev.skywarden.core.normalize.EventNormalizer;
import dev.skywarden.core.normalize.NormalizeResult;
import dev.skywarden.core.stats.InputStatistics;
import dev.skywarden.core.stats.SkipReason;
import dev.skywarden.core.stats.SkippedRecord;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one source to the end on the calling thread: every record is normalised and every event
 * goes through every detector. The task counts into its own statistics, so it shares nothing
 * mutable with other tasks except the thread-safe aggregator and progress counters.
 */
final class SourceTask implements Callable<SourceTask.Outcome> {

  private static final Logger log = LoggerFactory.getLogger(SourceTask.class);

  /** Records counted locally before they are added to the shared progress counters. */
  static final int PROGRESS_BATCH = 1024;

  /**
   * What every task of one hunt shares; all of it is thread-safe. {@code runs} contains this hunt's
   * run of each detector, in the order of {@code detectors}; {@code networkIntel} is {@code null}
   * when the hunt has none.
   */
  record Context(
      LogReader reader,
      EventNormalizer normalizer,
      NetworkIntel networkIntel,
      List<Detector> detectors,
      List<DetectorRun> runs,
      FindingAggregator aggregator,
      HuntProgress progress) {}

  /** The counts of one source, and how often a detector threw on one of its events. */
  record Outcome(InputStatistics statistics, long detectorErrors) {}

  private final Context context;
  private final InputSource source;
  private final InputStatistics statistics;
  private long detectorErrors;

  /** Records and hits not yet added to {@link HuntProgress}. */
  private long pendingRecords;

  private long pendingHits;

  SourceTask(Context context, String inputName, InputSource source) {
    this.context = context;
    this.source = source;
    this.statistics = new InputStatistics(inputName);
  }

  /**
   * Reads the source. The reader turns damaged input into skips; any other runtime exception while
   * reading (a bug in a reader or normaliser) ends this source only, with one {@code READ_ERROR}
   * skip, so the other sources are still hunted.
   */
  @Override
  public Outcome call() {
    statistics.countFile();
    try {
      ReadSummary summary = context.reader().read(source, new Sink());
      statistics.addBytes(summary.uncompressedBytes());
      log.debug(
          "read {}: {} records, {} skipped", source.name(), summary.records(), summary.skipped());
    } catch (RuntimeException e) {
      log.error("reading {} failed, rest of the file not hunted: {}", source.name(), e, e);
      // The task's statistics count this source only, so the failed record comes next.
      SourceLocation location = new SourceLocation(source.name(), statistics.records() + 1, 0);
      statistics.countRecord();
      pendingRecords++;
      statistics.countSkipped(
          new SkippedRecord(
              location, SkipReason.READ_ERROR, "reading stopped by an internal error: " + e));
    }
    flushProgress();
    context.progress().fileDone();
    return new Outcome(statistics, detectorErrors);
  }

  /**
   * Adds the network intel of the source address, when the hunt has intel and the source is an IP.
   */
  private CloudEvent withNetwork(CloudEvent event) {
    return RecordRereader.withNetwork(event, context.networkIntel());
  }

  private void detect(CloudEvent event) {
    for (int i = 0; i < context.runs().size(); i++) {
      Detector detector = context.detectors().get(i);
      try {
        context
            .runs()
            .get(i)
            .detect(
                event,
                hit -> {
                  context.aggregator().add(hit);
                  pendingHits++;
                });
      } catch (RuntimeException e) {
        // A detector bug must not end the hunt; the event is still counted as parsed.
        detectorErrors++;
        log.error(
            "detector {} failed on {} (event {}): {}",
            detector.name(),
            event.location(),
            event.eventId(),
            e.toString(),
            e);
      }
    }
  }

  /**
   * Counts one record for the progress counters. The shared counters are updated every {@value
   * #PROGRESS_BATCH} records and at the end of the source, so workers do not contend on them for
   * every record.
   */
  private void countProgressRecord() {
    pendingRecords++;
    if (pendingRecords >= PROGRESS_BATCH) {
      flushProgress();
    }
  }

  private void flushProgress() {
    context.progress().addRecords(pendingRecords);
    context.progress().addHits(pendingHits);
    pendingRecords = 0;
    pendingHits = 0;
  }

  private final class Sink implements RecordSink {

    @Override
    public void accept(RawRecord record) {
      // Normalise before counting, so that a normaliser exception leaves no record without an
      // outcome: the record is then counted once, as the READ_ERROR skip of call().
      NormalizeResult result = context.normalizer().normalize(record);
      statistics.countRecord();
      countProgressRecord();
      if (result instanceof NormalizeResult.Normalized normalized) {
        statistics.countEvent();
        detect(withNetwork(normalized.event()));
      } else if (result instanceof NormalizeResult.Skipped skipped) {
        countSkipped(skipped.skipped());
      }
    }

    @Override
    public void skip(SkippedRecord skipped) {
      statistics.countRecord();
      countProgressRecord();
      countSkipped(skipped);
    }

    private void countSkipped(SkippedRecord skipped) {
      statistics.countSkipped(skipped);
      log.debug("skipped {}", skipped.message());
    }
  }
}
