package dev.skywarden.core.analytics;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of the behavioural analytics.
 *
 * @param trainingWindow how long, from the start of the input (the earliest event of the hunt
 *     rounded down to a bucket boundary), the hunt only learns: values first seen in that window
 *     are history, not findings. {@code null} means the default: {@link #DEFAULT_TRAINING_WINDOW}
 *     when no saved state was read, none when one was, because the saved state is then the history
 * @param limits memory and state bounds
 */
public record AnalyticsOptions(Duration trainingWindow, AnalyticsLimits limits) {

  /** The training window of a hunt without saved state: 24 hours. */
  public static final Duration DEFAULT_TRAINING_WINDOW = Duration.ofHours(24);

  /** The default training window and limits. */
  public static final AnalyticsOptions DEFAULTS =
      new AnalyticsOptions(null, AnalyticsLimits.DEFAULTS);

  public AnalyticsOptions {
    Objects.requireNonNull(limits, "limits");
    if (trainingWindow != null && trainingWindow.isNegative()) {
      throw new IllegalArgumentException("training window must not be negative: " + trainingWindow);
    }
  }

  /** Returns these options with another training window; {@code null} for the default. */
  public AnalyticsOptions withTrainingWindow(Duration window) {
    return new AnalyticsOptions(window, limits);
  }

  /** Returns the training window to use, given whether a saved state with history was read. */
  Duration effectiveTrainingWindow(boolean stateLoaded) {
    if (trainingWindow != null) {
      return trainingWindow;
    }
    return stateLoaded ? Duration.ZERO : DEFAULT_TRAINING_WINDOW;
  }
}
