package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.analytics.StateLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuntAnalyticsTest {

  @TempDir Path folder;

  @Test
  void stateRun_savesStateThenLearnsFromIt() throws IOException {
    Path state = folder.resolve("state");

    Cli.Result first = Cli.run("hunt", "--state", state.toString(), "-f", "jsonl", Cli.EXAMPLES);
    Cli.Result second = Cli.run("hunt", "--state", state.toString(), "-f", "jsonl", Cli.EXAMPLES);

    assertThat(first.exitCode()).as("%s", first).isZero();
    assertThat(Files.exists(state.resolve("analytics-state.json"))).isTrue();
    assertThat(first.err()).contains("skywarden: analytics:").contains("saved to " + state);
    assertThat(second.exitCode()).as("%s", second).isZero();
    assertThat(second.err()).contains("training window none");
    assertThat(second.out())
        .as("the same events again are all known")
        .doesNotContain("skywarden-analytics-");
  }

  @Test
  void trainingWindow_reportsBehaviouralFindings() {
    Cli.Result result = Cli.run("hunt", "--training-window", "90m", "-f", "jsonl", Cli.EXAMPLES);

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out())
        .contains("\"rule_id\":\"skywarden-analytics-first-sensitive-operation\"")
        .contains("\"behaviour\":{\"subject\":\"principal\"");
    assertThat(result.err()).contains("training window 90m");
  }

  @Test
  void damagedState_reportedAndLeftAlone() throws IOException {
    Path state = Files.createDirectories(folder.resolve("state"));
    Path file = state.resolve("analytics-state.json");
    Files.writeString(file, "{oops");

    Cli.Result result = Cli.run("hunt", "--state", state.toString(), Cli.EXAMPLES);

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.err()).contains("invalid analytics state " + file).contains("line 1");
    assertThat(Files.readString(file)).isEqualTo("{oops");
  }

  @Test
  void damagedState_strictStops() throws IOException {
    Path state = Files.createDirectories(folder.resolve("state"));
    Files.writeString(state.resolve("analytics-state.json"), "[]");

    Cli.Result result = Cli.run("hunt", "--strict", "--state", state.toString(), Cli.EXAMPLES);

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.RUNTIME_ERROR);
    assertThat(result.err()).contains("--strict stops here");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void invalidTrainingWindow_usageError() {
    Cli.Result result = Cli.run("hunt", "--training-window", "soon", Cli.EXAMPLES);

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(result.err()).contains("--training-window: invalid duration 'soon'");
  }

  @Test
  void stateInUse_runtimeErrorStateKept() throws IOException {
    Path state = folder.resolve("state");
    Cli.Result first = Cli.run("hunt", "--state", state.toString(), Cli.EXAMPLES);
    assertThat(first.exitCode()).as("%s", first).isZero();
    String saved = Files.readString(state.resolve("analytics-state.json"));

    Cli.Result second;
    try (StateLock other = StateLock.acquire(state)) {
      assertThat(other).isNotNull();
      second = Cli.run("hunt", "--state", state.toString(), Cli.EXAMPLES + "gcp");
    }
    Cli.Result third = Cli.run("hunt", "--state", state.toString(), Cli.EXAMPLES + "gcp");

    assertThat(second.exitCode()).as("%s", second).isEqualTo(ExitCodes.RUNTIME_ERROR);
    assertThat(second.err()).contains("state folder " + state + " is in use by another hunt");
    assertThat(second.out()).isEmpty();
    assertThat(third.exitCode()).as("the lock is released: %s", third).isZero();
    assertThat(Files.readString(state.resolve("analytics-state.json"))).isNotEqualTo(saved);
  }

  @Test
  void stateFolderIsFile_errorBeforeHunt() throws IOException {
    Path file = Files.writeString(folder.resolve("not-a-folder"), "x");

    Cli.Result result = Cli.run("hunt", "--state", file.toString(), "-f", "jsonl", Cli.EXAMPLES);

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.RUNTIME_ERROR);
    assertThat(result.err()).contains("failed to open the analytics state folder " + file);
    assertThat(result.out()).isEmpty();
  }

  @Test
  void hugeTrainingWindow_usageError() {
    // Each once overflowed: a Duration (exit 1), a long (a message without the option), or the
    // training end Instant, which failed the analytics after the hunt and still exited 0.
    for (String window : List.of("999999999999999d", "99999999999999999999h", "10000000000000d")) {
      Cli.Result result = Cli.run("hunt", "--training-window", window, Cli.EXAMPLES);

      assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE_ERROR);
      assertThat(result.err()).contains("--training-window: " + window + " is out of range");
    }
  }

  @Test
  void coverage_listsBehaviouralDetections() {
    Cli.Result result = Cli.run("coverage");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).contains("First use of a sensitive operation by this identity");
  }
}
