package dev.skywarden.core.detect.correlation;

/**
 * Counters of a {@link CorrelationEngine}, as a snapshot. Each dropped or shortened piece of state
 * is counted here, and the first of each kind per correlation is logged as a warning.
 *
 * @param inputs inputs accepted (before any were dropped)
 * @param lateInputs inputs dropped because they arrived behind the watermark
 * @param inputsWithoutGroup per correlation, inputs skipped because a group-by field was missing
 * @param inputsWithoutValue per correlation, inputs skipped because the aggregated field was
 *     missing or, for sums, averages and percentiles, not a number
 * @param inputsDroppedAtGroupLimit inputs dropped because they would open a group beyond {@link
 *     CorrelationLimits#maxGroups()}
 * @param windowsClosedAtEventLimit windows evaluated before their timespan passed because a group
 *     or all groups held the maximum number of events
 * @param forcedReleases times the pending buffer was full and the watermark was moved forward
 * @param firings windows whose condition held
 * @param trackedGroups groups tracked now
 * @param trackedEvents events kept in windows now
 * @param pendingEvents events waiting in reorder buffers now
 */
public record CorrelationStatistics(
    long inputs,
    long lateInputs,
    long inputsWithoutGroup,
    long inputsWithoutValue,
    long inputsDroppedAtGroupLimit,
    long windowsClosedAtEventLimit,
    long forcedReleases,
    long firings,
    long trackedGroups,
    long trackedEvents,
    long pendingEvents) {}
