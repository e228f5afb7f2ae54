package dev.skywarden.core.normalize;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.stats.SkippedRecord;
import java.util.Objects;

/** The result of normalising one record: an event, or a skip with its reason. */
public sealed interface NormalizeResult
    permits NormalizeResult.Normalized, NormalizeResult.Skipped {

  /** A record that became an event. */
  record Normalized(CloudEvent event) implements NormalizeResult {
    public Normalized {
      Objects.requireNonNull(event, "event");
    }
  }

  /** A record that was skipped, with the reason and a detail for the user. */
  record Skipped(SkippedRecord skipped) implements NormalizeResult {
    public Skipped {
      Objects.requireNonNull(skipped, "skipped");
    }
  }
}
