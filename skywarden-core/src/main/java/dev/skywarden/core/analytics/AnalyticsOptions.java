package dev.skywarden.core.analytics;

import dev.skywarden.core.event.CloudProvider;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Options of the behavioural analytics.
 *
 * @param trainingWindow how long, from the start of the input (the earliest event of the hunt
 *     rounded down to a bucket boundary), the hunt only learns: values first seen in that window
 *     are history, not findings. {@code null} means the default: {@link #DEFAULT_TRAINING_WINDOW}
 *     when no saved state was read, none when one was, because the saved state is then the history
 * @param limits memory and state bounds
 * @param publishedRanges the clouds whose published range files the hunt's network intel loaded
 *     ({@code --ip-ranges}); a workload credential is reported as used outside its cloud's ranges
 *     only for these clouds, or when the address is in another cloud's range
 */
public record AnalyticsOptions(
    Duration trainingWindow, AnalyticsLimits limits, Set<CloudProvider> publishedRanges) {

  /** The training window of a hunt without saved state: 24 hours. */
  public static final Duration DEFAULT_TRAINING_WINDOW = Duration.ofHours(24);

  /**
   * The longest training window: 3,650 days. A window longer than the input trains on all of it,
   * and a bound keeps the end of the window a valid {@link java.time.Instant}.
   */
  public static final Duration MAX_TRAINING_WINDOW = Duration.ofDays(3650);

  /** The default training window and limits. */
  public static final AnalyticsOptions DEFAULTS =
      new AnalyticsOptions(null, AnalyticsLimits.DEFAULTS, Set.of());

  public AnalyticsOptions {
    Objects.requireNonNull(limits, "limits");
    publishedRanges = Set.copyOf(publishedRanges);
    if (trainingWindow != null && trainingWindow.isNegative()) {
      throw new IllegalArgumentException("training window must not be negative: " + trainingWindow);
    }
    if (trainingWindow != null && trainingWindow.compareTo(MAX_TRAINING_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "training window must be at most " + MAX_TRAINING_WINDOW + ": " + trainingWindow);
    }
  }

  /** Creates options without published ranges. */
  public AnalyticsOptions(Duration trainingWindow, AnalyticsLimits limits) {
    this(trainingWindow, limits, Set.of());
  }

  /** Returns these options with another training window; {@code null} for the default. */
  public AnalyticsOptions withTrainingWindow(Duration window) {
    return new AnalyticsOptions(window, limits, publishedRanges);
  }

  /** Returns these options with the clouds whose published range files were loaded. */
  public AnalyticsOptions withPublishedRanges(Set<CloudProvider> clouds) {
    return new AnalyticsOptions(trainingWindow, limits, clouds);
  }

  /** Returns the training window to use, given whether a saved state with history was read. */
  Duration effectiveTrainingWindow(boolean stateLoaded) {
    if (trainingWindow != null) {
      return trainingWindow;
    }
    return stateLoaded ? Duration.ZERO : DEFAULT_TRAINING_WINDOW;
  }
}
