package dev.skywarden.core.detect;

import dev.skywarden.core.detect.correlation.CorrelationEngine;
import dev.skywarden.core.detect.correlation.CorrelationInput;
import dev.skywarden.core.detect.correlation.CorrelationLimits;
import dev.skywarden.core.detect.correlation.CorrelationStatistics;
import dev.skywarden.core.detect.correlation.InputExtractor;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Interner;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.sigma.CompiledRule;
import dev.skywarden.core.sigma.SigmaRule;
import dev.skywarden.core.sigma.correlation.CorrelationSet;
import dev.skywarden.core.sigma.match.EventFields;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run of a {@link SigmaDetector} with correlation rules over one batch hunt.
 *
 * <p>While files are read in parallel, {@link #detect} reports the rules that keep their own
 * findings and collects, for the rules some correlation references, a small {@link
 * CorrelationInput} per match (the event without its raw record and the fields the correlations
 * read), whose repeated parts are shared through one {@link Interner} per run. {@link #finish}
 * sorts the inputs by time and source location, runs a {@link CorrelationEngine} over them and
 * reports the firings of the correlations that report findings. Matches arrive in no particular
 * order, but the sorted inputs, and so the findings, are the same whatever the thread count or file
 * order.
 *
 * <p>Bounded: at most {@link CorrelationLimits#maxPendingEvents()} inputs are kept, the earliest in
 * the sort order, so the choice does not depend on arrival order either; the others are counted and
 * logged.
 *
 * <p>Thread-safety: {@code detect} may run on many threads; the collection is guarded by its lock.
 */
final class BatchCorrelationRun implements DetectorRun {

  private static final Logger log = LoggerFactory.getLogger(BatchCorrelationRun.class);

  private final SigmaDetector detector;
  private final CorrelationSet correlations;
  private final CorrelationLimits limits;
  private final InputExtractor extractor;

  /** Shares the repeated parts of the kept inputs' events, which wait until {@link #finish}. */
  private final Interner interner = new Interner();

  private final Comparator<CorrelationInput> order;
  private final PriorityQueue<CorrelationInput> latestFirst;
  private long dropped;

  BatchCorrelationRun(
      SigmaDetector detector, CorrelationSet correlations, CorrelationLimits limits) {
    this.detector = detector;
    this.correlations = correlations;
    this.limits = limits.withAllowedLateness(Duration.ZERO);
    this.extractor = new InputExtractor(correlations);

    IdentityHashMap<SigmaRule, Integer> ordinals = new IdentityHashMap<>();
    for (CompiledRule rule : detector.rules().rules()) {
      ordinals.putIfAbsent(rule.rule(), ordinals.size());
    }
    this.order =
        Comparator.comparing(CorrelationInput::time)
            .thenComparing(input -> input.event().location())
            .thenComparing(input -> input.event().eventId())
            .thenComparingInt(input -> ordinals.get(input.rule()));
    this.latestFirst = new PriorityQueue<>(order.reversed());
  }

  @Override
  public void detect(CloudEvent event, Consumer<DetectionHit> hits) {
    EventFields fields = new EventFields(event.raw());
    detector.forEachMatch(
        event,
        fields,
        rule -> {
          if (detector.reportsFindings(rule)) {
            hits.accept(detector.toHit(rule, event, fields));
          }
          CorrelationInput input = extractor.extract(rule.rule(), event, interner);
          if (input != null) {
            collect(input);
          }
        });
  }

  private synchronized void collect(CorrelationInput input) {
    latestFirst.add(input);
    if (latestFirst.size() > limits.maxPendingEvents()) {
      latestFirst.poll();
      if (dropped++ == 0) {
        log.warn(
            "correlations: more than {} rule matches to correlate; keeping the earliest, the"
                + " rest are counted and dropped",
            limits.maxPendingEvents());
      }
    }
  }

  @Override
  public void finish(Consumer<DetectionHit> hits) {
    List<CorrelationInput> inputs;
    long droppedInputs;
    synchronized (this) {
      inputs = new ArrayList<>(latestFirst);
      latestFirst.clear();
      droppedInputs = dropped;
    }
    inputs.sort(order);

    CorrelationEngine engine =
        new CorrelationEngine(
            correlations,
            limits,
            firing -> {
              if (correlations.reportsFindings(firing.correlation())) {
                CorrelationHits.report(firing, hits);
              }
            });
    for (CorrelationInput input : inputs) {
      engine.accept(input);
    }
    engine.flush();

    CorrelationStatistics statistics = engine.statistics();
    log.debug(
        "correlations: {} rule matches ({} dropped at the limit), {} firings, {} skipped without"
            + " a group-by field, {} without the aggregated value, {} windows closed early",
        inputs.size(),
        droppedInputs,
        statistics.firings(),
        statistics.inputsWithoutGroup(),
        statistics.inputsWithoutValue(),
        statistics.windowsClosedAtEventLimit());
  }
}
