package dev.skywarden.core.detect;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.DetectionHit;
import java.util.function.Consumer;

/**
 * Something that looks at events and reports hits: the Sigma rule set, and later the behavioural
 * analytics.
 *
 * <p>Implementations must be safe to call from several threads at once, and the hits they report
 * for an event must not depend on which other events were seen before, unless the detector keeps
 * state by design and documents how it stays deterministic.
 */
public interface Detector {

  /** Returns a short name for logs and statistics, such as {@code sigma}. */
  String name();

  /** Examines one event and passes each hit to {@code hits}. */
  void detect(CloudEvent event, Consumer<DetectionHit> hits);

  /**
   * Starts this detector's part in one hunt. The default suits stateless detectors: the run calls
   * {@link #detect} and reports nothing when it finishes. Detectors that keep state across events
   * return a new run per hunt, so one detector can serve several hunts at once.
   */
  default DetectorRun startRun() {
    return this::detect;
  }
}
