package dev.skywarden.core.detect.correlation;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on what a {@link CorrelationEngine} keeps, and how long it waits for late events.
 *
 * @param allowedLateness how far behind the latest event time seen an event may arrive and still be
 *     counted. Events further behind are dropped and counted as late. Zero suits sorted input.
 * @param maxEventsPerGroup events one group of one correlation keeps; at the limit the group's
 *     oldest window is evaluated early on the events it has
 * @param maxTrackedEvents events all groups together keep; at the limit the oldest window of the
 *     receiving correlation is evaluated early
 * @param maxGroups groups all correlations together track; an event that would open a group beyond
 *     it is dropped and counted
 * @param maxPendingEvents events waiting in the reorder buffers; beyond it the watermark is moved
 *     forward to release the oldest, and events behind it then count as late
 * @param maxEvidencePerFiring contributing events a firing carries as evidence, the earliest
 */
public record CorrelationLimits(
    Duration allowedLateness,
    int maxEventsPerGroup,
    int maxTrackedEvents,
    int maxGroups,
    int maxPendingEvents,
    int maxEvidencePerFiring) {

  /**
   * Defaults for streams: 5 minutes of lateness, 10,000 events per group, 2,000,000 events and
   * 100,000 groups in all, 1,000,000 pending events, 20 evidence events per firing. These are
   * estimates, not measurements: at a few hundred bytes per kept event, the event limit bounds the
   * window state near one gigabyte.
   */
  public static final CorrelationLimits DEFAULTS =
      new CorrelationLimits(Duration.ofMinutes(5), 10_000, 2_000_000, 100_000, 1_000_000, 20);

  public CorrelationLimits {
    Objects.requireNonNull(allowedLateness, "allowedLateness");
    if (allowedLateness.isNegative()) {
      throw new IllegalArgumentException(
          "allowedLateness must not be negative: " + allowedLateness);
    }
    requirePositive(maxEventsPerGroup, "maxEventsPerGroup");
    requirePositive(maxTrackedEvents, "maxTrackedEvents");
    requirePositive(maxGroups, "maxGroups");
    requirePositive(maxPendingEvents, "maxPendingEvents");
    requirePositive(maxEvidencePerFiring, "maxEvidencePerFiring");
  }

  private static void requirePositive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }
  }

  /** Returns these limits with another allowed lateness. */
  public CorrelationLimits withAllowedLateness(Duration lateness) {
    return new CorrelationLimits(
        lateness,
        maxEventsPerGroup,
        maxTrackedEvents,
        maxGroups,
        maxPendingEvents,
        maxEvidencePerFiring);
  }

  /** Returns these limits with other caps on events per group, events in all and groups. */
  public CorrelationLimits withCaps(int eventsPerGroup, int trackedEvents, int groups) {
    return new CorrelationLimits(
        allowedLateness,
        eventsPerGroup,
        trackedEvents,
        groups,
        maxPendingEvents,
        maxEvidencePerFiring);
  }

  /** Returns these limits with another cap on pending events. */
  public CorrelationLimits withMaxPendingEvents(int pendingEvents) {
    return new CorrelationLimits(
        allowedLateness,
        maxEventsPerGroup,
        maxTrackedEvents,
        maxGroups,
        pendingEvents,
        maxEvidencePerFiring);
  }
}
