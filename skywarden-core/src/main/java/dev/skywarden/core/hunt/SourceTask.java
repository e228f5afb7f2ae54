package dev.skywarden.core.hunt;

import dev.skywarden.core.detect.Detector;
import dev.skywarden.core.detect.DetectorRun;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.input.InputSource;
import dev.skywarden.core.input.LogReader;
import dev.skywarden.core.input.RawRecord;
import dev.skywarden.core.input.ReadSummary;
import dev.skywarden.core.input.RecordSink;
import dev.skywarden.core.normalize.EventNormalizer;
import dev.skywarden.core.normalize.NormalizeResult;
import dev.skywarden.core.stats.InputStatistics;
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

  /**
   * What every task of one hunt shares; all of it is thread-safe. {@code runs} contains this hunt's
   * run of each detector, in the order of {@code detectors}.
   */
  record Context(
      LogReader reader,
      EventNormalizer normalizer,
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

  SourceTask(Context context, String inputName, InputSource source) {
    this.context = context;
    this.source = source;
    this.statistics = new InputStatistics(inputName);
  }

  @Override
  public Outcome call() {
    statistics.countFile();
    ReadSummary summary = context.reader().read(source, new Sink());
    statistics.addBytes(summary.uncompressedBytes());
    context.progress().fileDone();
    log.debug(
        "read {}: {} records, {} skipped", source.name(), summary.records(), summary.skipped());
    return new Outcome(statistics, detectorErrors);
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
                  context.progress().hit();
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

  private final class Sink implements RecordSink {

    @Override
    public void accept(RawRecord record) {
      statistics.countRecord();
      context.progress().record();
      NormalizeResult result = context.normalizer().normalize(record);
      if (result instanceof NormalizeResult.Normalized normalized) {
        statistics.countEvent();
        detect(normalized.event());
      } else if (result instanceof NormalizeResult.Skipped skipped) {
        countSkipped(skipped.skipped());
      }
    }

    @Override
    public void skip(SkippedRecord skipped) {
      statistics.countRecord();
      context.progress().record();
      countSkipped(skipped);
    }

    private void countSkipped(SkippedRecord skipped) {
      statistics.countSkipped(skipped);
      log.debug("skipped {}", skipped.message());
    }
  }
}
