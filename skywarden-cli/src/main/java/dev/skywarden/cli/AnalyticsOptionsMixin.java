package dev.skywarden.cli;

import dev.skywarden.core.analytics.AnalyticsOptions;
import dev.skywarden.core.analytics.AnalyticsSummary;
import dev.skywarden.core.analytics.BehaviouralAnalytics;
import dev.skywarden.core.analytics.SavedState;
import dev.skywarden.core.analytics.StateFile;
import dev.skywarden.core.analytics.StateFileException;
import dev.skywarden.core.analytics.StateLock;
import dev.skywarden.core.event.CloudProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The {@code hunt} options of the behavioural analytics, and the reading and writing of their saved
 * state. Not thread-safe; one instance per command.
 */
final class AnalyticsOptionsMixin {

  private static final Pattern DURATION = Pattern.compile("([0-9]+)\\s*([smhd])");

  @Option(
      names = "--analytics",
      description =
          "Also run the behavioural analytics: per principal and credential, report the first"
              + " use of a sensitive operation, new clients, networks, parameters and regions, and"
              + " bursts of denied, discovery or failed calls, compared with the identity's"
              + " history or its peers.")
  boolean analytics;

  @Option(
      names = "--state",
      paramLabel = "DIR",
      description =
          "Read the analytics profiles of earlier hunts from DIR and write the joined profiles"
              + " back when the hunt ends (implies --analytics). Logs that the state holds"
              + " already are judged as the first time and not counted twice. A damaged state"
              + " file is reported, the hunt goes on without history, and the file is renamed to"
              + " analytics-state.json.damaged-TIME when the new state is saved (exit code 4"
              + " under --strict).")
  Path stateDir;

  @Option(
      names = "--state-read-only",
      description =
          "With --state: read the saved profiles but never write, rename or lock anything in"
              + " DIR, so several hunts may read one state folder at once, also while another"
              + " hunt updates it.")
  boolean stateReadOnly;

  @Option(
      names = "--training-window",
      paramLabel = "DURATION",
      description =
          "How long, from the earliest event of the input, the analytics only learn, such as"
              + " 24h, 90m or 7d, at most 3650d; 0 turns learning from the input off (implies"
              + " --analytics)."
              + " Default: 24h without --state or when the state has no identity from before the"
              + " input, else 0.")
  String trainingWindow;

  private final AtomicReference<SavedState> stateToSave = new AtomicReference<>();
  private StateLock stateLock;

  /** The name the damaged state file gets when the new state is saved, or null when not damaged. */
  private String damagedName;

  /** Returns whether any option asked for the analytics. */
  boolean enabled() {
    return analytics || stateDir != null || stateReadOnly || trainingWindow != null;
  }

  /**
   * Returns the analytics detector, with the saved state of {@code --state} read.
   *
   * @param publishedRanges the clouds whose range files {@code --ip-ranges} loaded
   *     <p>A damaged state file is a warning, like a skipped record: the hunt goes on without
   *     history, {@link #stateDamaged()} becomes true, and {@link #saveState()} renames the file
   *     before writing the new state.
   * @return null when the state folder is in use by another hunt or cannot be written
   * @throws IllegalArgumentException when {@code --training-window} is invalid, or {@code
   *     --state-read-only} is given without an existing {@code --state} folder
   * @throws IOException when the state file cannot be read for another reason than its content
   */
  BehaviouralAnalytics create(Set<CloudProvider> publishedRanges, PrintWriter err)
      throws IOException {
    AnalyticsOptions options =
        AnalyticsOptions.DEFAULTS
            .withTrainingWindow(trainingWindow == null ? null : parseDuration(trainingWindow))
            .withPublishedRanges(publishedRanges);
    checkReadOnly();
    SavedState saved = SavedState.EMPTY;
    if (stateDir != null) {
      if (!stateReadOnly && !lock(err)) {
        return null;
      }
      try {
        saved = StateFile.read(stateDir);
      } catch (StateFileException e) {
        Clock clock = Clock.systemUTC();
        damagedName = StateFile.damagedName(clock.instant());
        String kept =
            stateReadOnly
                ? "the file is left as it is (--state-read-only)"
                : "the damaged file will be kept as "
                    + stateDir.resolve(damagedName)
                    + " when the new state is saved";
        err.printf(
            "skywarden: warning: %s; the hunt runs without history, and %s%n",
            e.getMessage(), kept);
      }
    }
    return new BehaviouralAnalytics(options, saved, stateToSave::set, Clock.systemUTC());
  }

  private void checkReadOnly() {
    if (!stateReadOnly) {
      return;
    }
    if (stateDir == null) {
      throw new IllegalArgumentException("--state-read-only needs --state DIR");
    }
    if (!Files.isDirectory(stateDir)) {
      throw new IllegalArgumentException(
          "--state-read-only: the state folder " + stateDir + " does not exist or is not a folder");
    }
  }

  /** Takes the state folder's lock; prints why and returns false when that fails. */
  private boolean lock(PrintWriter err) {
    try {
      stateLock = StateLock.acquire(stateDir);
      return true;
    } catch (StateLock.StateLockedException e) {
      err.printf("skywarden: error: %s%n", e.getMessage());
    } catch (IOException e) {
      err.printf(
          "skywarden: error: failed to open the analytics state folder %s: %s%n",
          stateDir, reason(e));
    }
    return false;
  }

  /** Returns whether the {@code --state} file was damaged, so this hunt ran without history. */
  boolean stateDamaged() {
    return damagedName != null;
  }

  /**
   * Writes the state of the finished hunt to {@code --state}, unless {@code --state-read-only} is
   * given. A damaged old state file is renamed first, never overwritten.
   *
   * @throws IOException naming the folder when it cannot be written
   */
  void saveState() throws IOException {
    SavedState state = stateToSave.get();
    if (stateDir == null || stateReadOnly || state == null) {
      return;
    }
    try {
      if (damagedName != null) {
        StateFile.setAside(stateDir, damagedName);
      }
      StateFile.write(stateDir, state);
    } catch (IOException e) {
      throw new IOException(
          "failed to write the analytics state to " + stateDir + ": " + reason(e), e);
    }
  }

  /** Releases the lock on the {@code --state} folder, if this hunt holds it. */
  void releaseState() throws IOException {
    if (stateLock != null) {
      StateLock lock = stateLock;
      stateLock = null;
      lock.close();
    }
  }

  /** Returns the reason of an I/O error; the JDK's file errors often give only the path. */
  private static String reason(IOException e) {
    if (e instanceof FileSystemException fileError) {
      String why = fileError.getReason();
      return fileError.getFile()
          + ": "
          + (why != null ? why : e.getClass().getSimpleName().replace("Exception", ""));
    }
    return String.valueOf(e.getMessage());
  }

  /** Prints one line on what the analytics did. */
  void printSummary(BehaviouralAnalytics detector, PrintWriter err) {
    AnalyticsSummary summary = detector.lastSummary();
    if (summary == null) {
      return;
    }
    err.printf(
        "skywarden: analytics: %d principals (%d compared with peers, %d without any history),"
            + " %d credentials, training window %s%s%n",
        summary.principals(),
        summary.comparedWithPeers(),
        summary.withoutBaseline(),
        summary.credentials(),
        format(summary.trainingWindow()),
        stateSummary(summary));
    if (summary.allEventsTrained()) {
      err.printf(
          "skywarden: analytics: every event fell in the training window, so none was judged;"
              + " give a shorter --training-window or a --state with earlier history%n");
    }
  }

  private String stateSummary(AnalyticsSummary summary) {
    if (stateDir == null) {
      return "";
    }
    if (stateReadOnly) {
      return ", state read from " + stateDir + " and not saved (--state-read-only)";
    }
    return ", state of " + summary.stateIdentities() + " identities saved to " + stateDir;
  }

  /**
   * Parses a duration such as {@code 24h}, {@code 90m}, {@code 7d}, {@code 30s} or {@code 0}.
   *
   * @throws IllegalArgumentException naming the value when it has another form
   */
  static Duration parseDuration(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    if (trimmed.equals("0")) {
      return Duration.ZERO;
    }
    Matcher matcher = DURATION.matcher(trimmed);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "--training-window: invalid duration '" + text + "': expected such as 24h, 90m, 7d or 0");
    }
    Duration window;
    try {
      long amount = Long.parseLong(matcher.group(1));
      window =
          switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
          };
    } catch (ArithmeticException | NumberFormatException e) {
      window = null;
    }
    if (window == null || window.compareTo(AnalyticsOptions.MAX_TRAINING_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "--training-window: "
              + text
              + " is out of range: 0 to "
              + AnalyticsOptions.MAX_TRAINING_WINDOW.toDays()
              + "d");
    }
    return window;
  }

  private static String format(Duration duration) {
    if (duration.isZero()) {
      return "none";
    }
    if (duration.toMinutes() % (24 * 60) == 0) {
      return duration.toDays() + "d";
    }
    return duration.toMinutes() % 60 == 0 ? duration.toHours() + "h" : duration.toMinutes() + "m";
  }
}
