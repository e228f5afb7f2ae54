package dev.skywarden.core.detect;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.DetectionHit;
import java.util.function.Consumer;

/**
 * One detector's part in one hunt, holding whatever state the detector needs across events, such as
 * the rule matches that correlation rules evaluate once every input has been read.
 *
 * <p>{@link #detect} may be called from several threads at once. {@link #finish} is called once, on
 * one thread, after every call to {@code detect} has returned; what it reports must not depend on
 * the order in which events were passed to {@code detect}.
 */
public interface DetectorRun {

  /** Examines one event and passes each hit to {@code hits}. */
  void detect(CloudEvent event, Consumer<DetectionHit> hits);

  /** Reports the hits that need every event of the hunt; the default reports none. */
  default void finish(Consumer<DetectionHit> hits) {}
}
