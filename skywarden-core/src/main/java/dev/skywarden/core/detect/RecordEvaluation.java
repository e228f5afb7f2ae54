package dev.skywarden.core.detect;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.stats.SkippedRecord;
import java.util.List;

/**
 * The outcome of one raw record in the pipeline: an event with the hits it fired, or a skip.
 *
 * @param event the normalised event, or {@code null} when the record was skipped
 * @param skipped why the record was skipped, or {@code null} when it became an event
 * @param hits the detection hits of the event, in rule set order; empty when skipped
 */
public record RecordEvaluation(CloudEvent event, SkippedRecord skipped, List<DetectionHit> hits) {

  public RecordEvaluation {
    if ((event == null) == (skipped == null)) {
      throw new IllegalArgumentException("exactly one of event and skipped must be set");
    }
    hits = List.copyOf(hits);
  }

  /** Returns whether the record was skipped instead of becoming an event. */
  public boolean isSkipped() {
    return skipped != null;
  }

  /** Returns the ids of the rules that fired, in rule set order. */
  public List<String> ruleIds() {
    return hits.stream().map(DetectionHit::ruleId).toList();
  }
}
