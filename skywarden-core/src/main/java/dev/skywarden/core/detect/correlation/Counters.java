package dev.skywarden.core.detect.correlation;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The mutable counters one engine and its nodes share. Not thread-safe. */
final class Counters {

  private static final Logger log = LoggerFactory.getLogger(CorrelationEngine.class);

  long inputs;
  long lateInputs;
  long inputsWithoutGroup;
  long inputsWithoutValue;
  long inputsDroppedAtGroupLimit;
  long windowsClosedAtEventLimit;
  long forcedReleases;
  long firings;
  long trackedGroups;
  long trackedEvents;

  private final Set<String> warned = new HashSet<>();

  /**
   * Logs a warning the first time a kind of state loss happens for one correlation, and at debug
   * level after that, so a flood of drops does not flood the log; the counters keep the totals.
   */
  void warnOnce(String kind, String correlation, String message) {
    if (warned.add(kind + "\u0000" + correlation)) {
      log.warn("correlation {}: {} (further cases are counted, not logged)", correlation, message);
    } else {
      log.debug("correlation {}: {}", correlation, message);
    }
  }

  CorrelationStatistics snapshot(long pendingEvents) {
    return new CorrelationStatistics(
        inputs,
        lateInputs,
        inputsWithoutGroup,
        inputsWithoutValue,
        inputsDroppedAtGroupLimit,
        windowsClosedAtEventLimit,
        forcedReleases,
        firings,
        trackedGroups,
        trackedEvents,
        pendingEvents);
  }
}
