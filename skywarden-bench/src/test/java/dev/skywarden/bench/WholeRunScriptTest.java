package dev.skywarden.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code whole-run.sh} with invalid settings. The script must reject them before it builds,
 * generates a corpus or measures anything, because generating a corpus of gigabytes takes many
 * minutes.
 */
class WholeRunScriptTest {

  private static final Path SCRIPT = Path.of("whole-run.sh").toAbsolutePath();

  @TempDir Path temp;

  /** The exit code and the standard output and error of one run of the script. */
  private record Run(int exitCode, String stdout, String stderr) {}

  private Run run(Map<String, String> environment, String... arguments)
      throws IOException, InterruptedException {
    Assumptions.assumeTrue(Files.isRegularFile(SCRIPT), "whole-run.sh not found at " + SCRIPT);
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no /bin/bash to run it");
    Path stdout = temp.resolve("stdout.txt");
    Path stderr = temp.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(
                Stream.concat(Stream.of("/bin/bash", SCRIPT.toString()), Stream.of(arguments))
                    .toList())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().put("SKIP_BUILD", "1");
    builder.environment().put("CORPUS_ROOT", temp.resolve("corpora").toString());
    builder.environment().put("LOG_DIR", temp.resolve("logs").toString());
    builder.environment().putAll(environment);
    int exitCode = builder.start().waitFor();
    return new Run(
        exitCode,
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  private void assertNothingGenerated() {
    assertThat(temp.resolve("corpora")).as("corpus folder").doesNotExist();
  }

  @Test
  void unknownConfig_rejectedBeforeGenerating() throws Exception {
    Run run = run(Map.of("CONFIGS", "builtin bogus"), "5MB");

    assertThat(run.exitCode()).as("exit code, stderr: %s", run.stderr()).isEqualTo(2);
    assertThat(run.stderr()).contains("invalid CONFIGS entry 'bogus'");
    assertNothingGenerated();
  }

  @Test
  void invalidThreadsAndCeilings_rejected() throws Exception {
    for (Map<String, String> environment :
        List.of(
            Map.of("THREADS", "1 all"),
            Map.of("THREADS", "0"),
            Map.of("THREADS", " "),
            Map.of("CEILINGS", "no"),
            Map.of("CONFIGS", " "))) {
      Run run = run(environment, "5MB");

      assertThat(run.exitCode()).as("exit code with %s", environment).isEqualTo(2);
      assertThat(run.stderr()).as("message with %s", environment).contains("whole-run.sh: ");
      assertNothingGenerated();
    }
  }

  @Test
  void help_printsUsageOnly() throws Exception {
    Run run = run(Map.of(), "--help");

    assertThat(run.exitCode()).as("exit code, stderr: %s", run.stderr()).isZero();
    assertThat(run.stdout()).contains("Usage: skywarden-bench/whole-run.sh [SIZE...]");
    assertThat(run.stdout()).contains("CEILINGS").doesNotContain("set -euo");
    assertNothingGenerated();
  }

  @Test
  void optionAsSize_rejected() throws Exception {
    Run run = run(Map.of(), "--threads", "1");

    assertThat(run.exitCode()).as("exit code").isEqualTo(2);
    assertThat(run.stderr()).contains("invalid SIZE '--threads'");
    assertNothingGenerated();
  }
}
