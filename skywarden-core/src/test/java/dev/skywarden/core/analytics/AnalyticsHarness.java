package dev.skywarden.core.analytics;

import dev.skywarden.core.detect.DetectorRun;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.FindingAggregator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/** Runs the analytics over a list of events, on one or more threads, as a hunt would. */
final class AnalyticsHarness {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC);

  /** The findings of a run and the state it would save. */
  record Outcome(List<Finding> findings, SavedState state, AnalyticsSummary summary) {

    List<Finding> behavioural() {
      return findings.stream().filter(Finding::behavioural).toList();
    }
  }

  private AnalyticsHarness() {}

  static Outcome run(List<CloudEvent> events, AnalyticsOptions options, SavedState saved) {
    return run(events, options, saved, 1);
  }

  static Outcome run(
      List<CloudEvent> events, AnalyticsOptions options, SavedState saved, int threads) {
    AtomicReference<SavedState> next = new AtomicReference<>();
    BehaviouralAnalytics analytics = new BehaviouralAnalytics(options, saved, next::set, CLOCK);
    DetectorRun run = analytics.startRun();
    FindingAggregator aggregator = new FindingAggregator();
    if (threads == 1) {
      for (CloudEvent event : events) {
        run.detect(event, aggregator::add);
      }
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> futures = new ArrayList<>();
        int slice = (events.size() + threads - 1) / threads;
        for (int t = 0; t < threads; t++) {
          List<CloudEvent> part =
              events.subList(
                  Math.min(events.size(), t * slice), Math.min(events.size(), (t + 1) * slice));
          futures.add(pool.submit(() -> part.forEach(event -> run.detect(event, aggregator::add))));
        }
        for (Future<?> future : futures) {
          future.get();
        }
      } catch (Exception e) {
        throw new IllegalStateException("analytics worker failed", e);
      } finally {
        pool.shutdownNow();
      }
    }
    run.finish(aggregator::add);
    return new Outcome(aggregator.findings(), next.get(), analytics.lastSummary());
  }
}
