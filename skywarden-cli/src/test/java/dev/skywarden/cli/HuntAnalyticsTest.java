package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.analytics.StateLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuntAnalyticsTest {

  @TempDir Path folder;

  @Test
  void stateRun_savesStateThenLearnsFromIt() throws IOException {
    Path state = folder.resolve("state");

    Cli.Result first = Cli.run("hunt", "--state", state.toString(), "-f", "jsonl", Cli.EXAMPLES);
    Cli.Result second =
        Cli.run("hunt", "--state", state.toString(), "-f", "jsonl", Cli.EXAMPLES + "gcp");

    assertThat(first.exitCode()).as("%s", first).isZero();
    assertThat(Files.exists(state.resolve("analytics-state.json"))).isTrue();
    assertThat(first.err()).contains("skywarden: analytics:").contains("saved to " + state);
    assertThat(second.exitCode()).as("%s", second).isZero();
    assertThat(second.err())
        .as("the state knows the gcp logs from before their time")
        .contains("training window none");
  }

  @Test
  void sameLogsTwice_sameFindingsStateUnchanged() throws IOException {
    Path state = folder.resolve("state");
    String[] hunt = {
      "hunt", "--state", state.toString(), "--training-window", "90m", "-f", "jsonl", Cli.EXAMPLES
    };

    Cli.Result first = Cli.run(hunt);
    byte[] saved = Files.readAllBytes(state.resolve("analytics-state.json"));
    Cli.Result second = Cli.run(hunt);

    assertThat(first.exitCode()).as("%s", first).isZero();
    assertThat(first.out()).contains("skywarden-analytics-first-sensitive-operation");
    assertThat(second.exitCode()).as("%s", second).isZero();
    assertThat(second.out()).as("the same findings again").isEqualTo(first.out());
    assertThat(Files.readAllBytes(state.resolve("analytics-state.json")))
        .as("nothing counted twice")
        .isEqualTo(saved);
  }

  @Test
  void readOnly_twoHuntsWhileStateLocked() throws Exception {
    Path state = folder.resolve("state");
    Cli.Result first = Cli.run("hunt", "--state", state.toString(), Cli.EXAMPLES);
    assertThat(first.exitCode()).as("%s", first).isZero();
    Path file = state.resolve("analytics-state.json");
    byte[] saved = Files.readAllBytes(file);
    FileTime modified = Files.getLastModifiedTime(file);
    List<String> names = list(state);

    List<Cli.Result> results = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (StateLock writer = StateLock.acquire(state)) {
      assertThat(writer).isNotNull();
      List<Future<Cli.Result>> hunts = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        hunts.add(
            pool.submit(
                () ->
                    Cli.run(
                        "hunt",
                        "--state",
                        state.toString(),
                        "--state-read-only",
                        "-f",
                        "jsonl",
                        Cli.EXAMPLES)));
      }
      for (Future<Cli.Result> hunt : hunts) {
        results.add(hunt.get());
      }
    } finally {
      pool.shutdownNow();
    }

    for (Cli.Result result : results) {
      assertThat(result.exitCode()).as("%s", result).isZero();
      assertThat(result.err()).contains("state read from " + state + " and not saved");
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(saved);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
    assertThat(list(state)).isEqualTo(names);
  }

  @Test
  void readOnly_withoutState_usageError() {
    Cli.Result result = Cli.run("hunt", "--state-read-only", Cli.EXAMPLES);

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(result.err()).contains("--state-read-only needs --state DIR");
  }

  @Test
  void readOnly_missingFolder_usageError() {
    Path missing = folder.resolve("missing");

    Cli.Result result =
        Cli.run("hunt", "--state", missing.toString(), "--state-read-only", Cli.EXAMPLES);

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(result.err()).contains("the state folder " + missing + " does not exist");
    assertThat(Files.exists(missing)).isFalse();
  }

  @Test
  void readOnly_damagedStateLeftAsIs() throws IOException {
    Path state = Files.createDirectories(folder.resolve("state"));
    Path file = state.resolve("analytics-state.json");
    Files.writeString(file, "{oops");

    Cli.Result result =
        Cli.run("hunt", "--state", state.toString(), "--state-read-only", Cli.EXAMPLES);

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.err()).contains("the file is left as it is (--state-read-only)");
    assertThat(list(state)).containsExactly("analytics-state.json");
    assertThat(Files.readString(file)).isEqualTo("{oops");
  }

  @Test
  void trainingWindow_reportsBehaviouralFindings() {
    Cli.Result result = Cli.run("hunt", "--training-window", "90m", "-f", "jsonl", Cli.EXAMPLES);

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out())
        .contains("\"rule_id\":\"skywarden-analytics-first-sensitive-operation\"")
        .contains("\"behaviour\":{\"subject\":\"principal\"");
    assertThat(result.err()).contains("training window 90m");
    assertThat(result.err()).doesNotContain("none was judged");
  }

  /** The examples span about two hours, inside the default window of 24 hours. */
  @Test
  void allEventsInTraining_saysNoneJudged() {
    Cli.Result result = Cli.run("hunt", "--analytics", "-f", "jsonl", Cli.EXAMPLES);

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.err())
        .contains(
            "skywarden: analytics: every event fell in the training window, so none was judged");
  }

  @Test
  void damagedState_warnsAndSetsAside() throws IOException {
    Path state = Files.createDirectories(folder.resolve("state"));
    Path file = state.resolve("analytics-state.json");
    Files.writeString(file, "{oops");

    Cli.Result result = Cli.run("hunt", "--state", state.toString(), Cli.EXAMPLES);

    assertThat(result.exitCode()).as("a warning, as a skipped record: %s", result).isZero();
    assertThat(result.err())
        .contains("skywarden: warning: invalid analytics state " + file)
        .contains("at line 1, column 2")
        .contains("the hunt runs without history")
        .contains("the damaged file will be kept as " + file + ".damaged-");
    List<String> names = list(state);
    String damaged =
        names.stream().filter(name -> name.contains(".damaged-")).findFirst().orElseThrow();
    assertThat(damaged).matches("analytics-state\\.json\\.damaged-[0-9]{8}T[0-9]{6}Z");
    assertThat(result.err()).contains(damaged);
    assertThat(Files.readString(state.resolve(damaged))).isEqualTo("{oops");
    assertThat(Files.readString(file)).as("a new state").contains("skywarden-analytics-state");
  }

  @Test
  void damagedState_strictExit4AfterHunt() throws IOException {
    Path state = Files.createDirectories(folder.resolve("state"));
    Files.writeString(state.resolve("analytics-state.json"), "[]");

    Cli.Result result =
        Cli.run("hunt", "--strict", "--state", state.toString(), "-f", "jsonl", Cli.EXAMPLES);

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.SKIPPED_RECORDS);
    assertThat(result.err())
        .contains("expected a JSON object at line 1, column 2")
        .contains("skywarden: --strict: the --state file was damaged and skipped");
    assertThat(result.out()).as("the findings are written").contains("\"rule_id\"");
  }

  @Test
  void stateWithoutVersion_warningNamesField() throws IOException {
    Path state = Files.createDirectories(folder.resolve("state"));
    Path file = state.resolve("analytics-state.json");
    Files.writeString(file, "{\"format\": \"skywarden-analytics-state\", \"identities\": []}");

    Cli.Result result = Cli.run("hunt", "--state", state.toString(), Cli.EXAMPLES);

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.err())
        .contains("invalid analytics state " + file + ": the version field is missing");
  }

  @Test
  void nonObjectIdentity_stateSetAside() throws IOException {
    Path state = folder.resolve("state");
    Cli.Result first = Cli.run("hunt", "--state", state.toString(), Cli.EXAMPLES + "aws");
    assertThat(first.exitCode()).as("%s", first).isZero();
    Path file = state.resolve("analytics-state.json");
    String saved = Files.readString(file);
    Files.writeString(file, saved.replace("\"identities\":[", "\"identities\":[1,"));

    Cli.Result result = Cli.run("hunt", "--state", state.toString(), Cli.EXAMPLES + "gcp");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.err())
        .contains("skywarden: warning: invalid analytics state " + file)
        .contains("an identity must be a JSON object")
        .contains("at line 1, column");
    assertThat(list(state)).anyMatch(name -> name.contains(".damaged-"));
  }

  @Test
  void stateFileIsFolder_errorNamesFile() throws IOException {
    Path state = Files.createDirectories(folder.resolve("state"));
    Path file = Files.createDirectories(state.resolve("analytics-state.json"));

    Cli.Result result = Cli.run("hunt", "--state", state.toString(), "-f", "jsonl", Cli.EXAMPLES);

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.RUNTIME_ERROR);
    assertThat(result.err()).contains("failed to read the analytics state " + file);
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
    Cli.Result first = Cli.run("hunt", "--state", state.toString(), Cli.EXAMPLES + "aws");
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

  private static List<String> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void coverage_listsBehaviouralDetections() {
    Cli.Result result = Cli.run("coverage");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).contains("First use of a sensitive operation by this identity");
  }
}
