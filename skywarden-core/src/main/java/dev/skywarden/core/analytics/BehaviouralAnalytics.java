package dev.skywarden.core.analytics;

import dev.skywarden.core.detect.Detector;
import dev.skywarden.core.detect.DetectorRun;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.DetectionHit;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The behavioural analytics: profiles per principal and per credential, compared with saved state,
 * a training window and peer groups, reported as hits of the {@link BehaviouralDetection}s.
 *
 * <p>It only works within a hunt: {@link #detect} alone reports nothing, because every decision
 * needs the whole input; {@link #startRun} returns the run that does the work. When a run finishes,
 * the state to save (the saved state joined with this hunt's profiles) goes to the state consumer,
 * and {@link #lastSummary()} returns the summary of the run.
 *
 * <p>Thread-safe. Several hunts may run at once, each with its own run; they share the saved state
 * they started from.
 */
public final class BehaviouralAnalytics implements Detector {

  private final AnalyticsOptions options;
  private final SavedState savedState;
  private final Consumer<SavedState> stateConsumer;
  private final Clock clock;
  private final OperationCatalog catalog = OperationCatalog.bundled();
  private final FeatureExtractor extractor =
      new FeatureExtractor(NotableParameters.bundled(), catalog);
  private final WorkloadCredentials workloadCredentials;
  private final AtomicReference<AnalyticsSummary> lastSummary = new AtomicReference<>();

  /**
   * Creates the analytics.
   *
   * @param savedState the history of earlier hunts; {@link SavedState#EMPTY} for none
   * @param stateConsumer receives the state to save when a run finishes, on the finishing thread
   * @param clock gives the {@link SavedState#savedAt()} time of the state to save
   */
  public BehaviouralAnalytics(
      AnalyticsOptions options,
      SavedState savedState,
      Consumer<SavedState> stateConsumer,
      Clock clock) {
    this.options = Objects.requireNonNull(options, "options");
    this.savedState = Objects.requireNonNull(savedState, "savedState");
    this.stateConsumer = Objects.requireNonNull(stateConsumer, "stateConsumer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.workloadCredentials = new WorkloadCredentials(options.publishedRanges());
  }

  /** Creates the analytics with default options, no saved state, and no state to keep. */
  public BehaviouralAnalytics() {
    this(AnalyticsOptions.DEFAULTS, SavedState.EMPTY, state -> {}, Clock.systemUTC());
  }

  @Override
  public String name() {
    return "analytics";
  }

  /** Reports nothing: behavioural decisions need the whole hunt, see {@link #startRun()}. */
  @Override
  public void detect(CloudEvent event, Consumer<DetectionHit> hits) {}

  @Override
  public DetectorRun startRun() {
    return new AnalyticsRun(this);
  }

  /** Returns the summary of the last run that finished, or null before any. */
  public AnalyticsSummary lastSummary() {
    return lastSummary.get();
  }

  void finished(AnalyticsSummary summary, SavedState next) {
    lastSummary.set(summary);
    stateConsumer.accept(next);
  }

  AnalyticsOptions options() {
    return options;
  }

  SavedState savedState() {
    return savedState;
  }

  OperationCatalog catalog() {
    return catalog;
  }

  FeatureExtractor extractor() {
    return extractor;
  }

  WorkloadCredentials workloadCredentials() {
    return workloadCredentials;
  }

  Clock clock() {
    return clock;
  }
}
