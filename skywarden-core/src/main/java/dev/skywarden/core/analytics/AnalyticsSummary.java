package dev.skywarden.core.analytics;

import java.time.Duration;
import java.time.Instant;

/**
 * What one analytics run did, for logs and tests.
 *
 * @param principals principal profiles built in the hunt
 * @param credentials credential profiles built in the hunt
 * @param withoutBaseline principals with no history of their own and no peer group with history;
 *     they were profiled but could not be judged
 * @param comparedWithPeers principals judged against a peer group
 * @param droppedFeatureEvents feature updates not kept because an identity reached {@link
 *     AnalyticsLimits#maxValuesPerKind()} for a kind
 * @param droppedBucketEvents time bucket updates (one per event and full profile) not kept, because
 *     an identity's earliest and late buckets ({@link AnalyticsLimits}) were full of possible
 *     bursts
 * @param trainingWindow the training window used
 * @param trainingEnd the end of the training window, or {@code null} when the hunt had no events
 * @param lastEvent the time of the hunt's latest event, or {@code null} when it had none; when it
 *     is before {@code trainingEnd}, every event trained and none was judged
 * @param stateIdentities identities in the state handed to the state consumer
 * @param stateValues distinct values in that state
 * @param hitsWithoutEvidence new values and bursts not reported because the event of their evidence
 *     could not be read again from its input file ({@link EvidenceStore})
 */
public record AnalyticsSummary(
    long principals,
    long credentials,
    long withoutBaseline,
    long comparedWithPeers,
    long droppedFeatureEvents,
    long droppedBucketEvents,
    Duration trainingWindow,
    Instant trainingEnd,
    Instant lastEvent,
    long stateIdentities,
    long stateValues,
    long hitsWithoutEvidence) {

  /** Returns whether the hunt had events and all of them fell before the end of training. */
  public boolean allEventsTrained() {
    return trainingEnd != null && lastEvent != null && lastEvent.isBefore(trainingEnd);
  }
}
