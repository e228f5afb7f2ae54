package dev.skywarden.cli;

import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks each exit code of {@code skywarden hunt} together with what the run prints. */
class HuntExitCodeTest {

  @TempDir Path temp;

  @Test
  void failOnHigh_exits3AndStillPrintsTable() throws IOException {
    String golden = HuntGoldenTest.golden();

    Cli.Result result = Cli.run("hunt", "--color", "never", "--fail-on", "high", Cli.EXAMPLES);

    assertSoftly(
        softly -> {
          softly
              .assertThat(result.exitCode())
              .as("exit code")
              .isEqualTo(ExitCodes.FINDINGS_AT_SEVERITY);
          softly.assertThat(result.out()).as("standard output").isEqualTo(golden);
          softly.assertThat(result.err()).as("standard error").isEmpty();
        });
  }

  @Test
  void failOnCritical_exits0WithoutCriticalFinding() {
    // Without attack sequences the examples have no critical finding.
    Cli.Result result =
        Cli.run(
            "hunt",
            "--color",
            "never",
            "--sequence-window",
            "0",
            "--fail-on",
            "CRITICAL",
            Cli.EXAMPLES);

    assertSoftly(
        softly -> {
          softly.assertThat(result.out()).as("standard output").doesNotContain("\ncritical ");
          softly.assertThat(result.out()).as("standard output").doesNotContain("Attack sequence");
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly.assertThat(result.err()).as("standard error").isEmpty();
        });
  }

  @Test
  void failOnCritical_exits3ForCriticalIncident() throws IOException {
    String golden = HuntGoldenTest.golden();

    Cli.Result result = Cli.run("hunt", "--color", "never", "--fail-on", "CRITICAL", Cli.EXAMPLES);

    assertSoftly(
        softly -> {
          softly.assertThat(golden).as("golden table").contains("\ncritical  ");
          softly
              .assertThat(result.exitCode())
              .as("exit code")
              .isEqualTo(ExitCodes.FINDINGS_AT_SEVERITY);
          softly.assertThat(result.out()).as("standard output").isEqualTo(golden);
        });
  }

  @Test
  void sequenceWindow_invalidIsUsageError() {
    Cli.Result result = Cli.run("hunt", "--sequence-window", "31d", Cli.EXAMPLES);
    Cli.Result text = Cli.run("hunt", "--sequence-window", "soon", Cli.EXAMPLES);

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("31d").isEqualTo(ExitCodes.USAGE_ERROR);
          softly.assertThat(result.err()).contains("--sequence-window: 31d is out of range");
          softly.assertThat(text.exitCode()).as("soon").isEqualTo(ExitCodes.USAGE_ERROR);
          softly.assertThat(text.err()).contains("invalid duration 'soon'");
        });
  }

  @Test
  void failOnBogus_usageErrorNamesValue() {
    Cli.Result result = Cli.run("hunt", "--fail-on", "bogus", Cli.EXAMPLES);

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.USAGE_ERROR);
          softly.assertThat(result.out()).as("standard output").isEmpty();
          softly
              .assertThat(result.err())
              .as("standard error")
              .startsWith(
                  "skywarden: error: --fail-on: invalid severity 'bogus': expected informational, low,");
        });
  }

  @Test
  void unknownOption_usageError() {
    Cli.Result result = Cli.run("hunt", "--bogus", Cli.EXAMPLES);

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.USAGE_ERROR);
          softly.assertThat(result.out()).as("standard output").isEmpty();
          softly
              .assertThat(result.err())
              .as("standard error")
              .startsWith("skywarden: error: Unknown option: '--bogus'")
              .contains("Try 'skywarden hunt --help' for more information.");
        });
  }

  @Test
  void badFormat_usageErrorNamesValue() {
    Cli.Result result = Cli.run("hunt", "--format", "xml", Cli.EXAMPLES);

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.USAGE_ERROR);
          softly.assertThat(result.out()).as("standard output").isEmpty();
          softly
              .assertThat(result.err())
              .as("standard error")
              .contains("--format")
              .contains("'xml'")
              .contains("TABLE, JSONL, OCSF");
        });
  }

  @Test
  void missingPath_usageError() {
    Cli.Result result = Cli.run("hunt", "--format", "jsonl");

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.USAGE_ERROR);
          softly.assertThat(result.out()).as("standard output").isEmpty();
          softly
              .assertThat(result.err())
              .as("standard error")
              .startsWith("skywarden: error: Missing required parameter: 'PATH'");
        });
  }

  @Test
  void pathNotFound_usageErrorNamesPath() {
    String missing = temp.resolve("no-such-logs").toString();

    Cli.Result result = Cli.run("hunt", Cli.EXAMPLES, missing);

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.USAGE_ERROR);
          softly.assertThat(result.out()).as("standard output").isEmpty();
          softly
              .assertThat(result.err())
              .as("standard error")
              .startsWith(
                  "skywarden: error: input not found: "
                      + missing
                      + " (give a file, a directory or -)");
        });
  }

  @Test
  void strictWithSkippedRecords_exits4AndNamesCount() throws IOException {
    Path folder = DamagedInputs.write(temp.resolve("damaged"));

    Cli.Result result = Cli.run("hunt", "--strict", "--format", "jsonl", folder.toString());

    String newline = System.lineSeparator();
    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.SKIPPED_RECORDS);
          softly.assertThat(result.out().lines()).as("findings still written").hasSize(1);
          softly
              .assertThat(result.err())
              .as("standard error")
              .isEqualTo(
                  "skywarden: 4 files, 6 records, 2 events, 4 skipped"
                      + newline
                      + "skywarden: --strict: 3 of 6 records skipped (see the statistics for"
                      + " reasons)"
                      + newline);
        });
  }

  @Test
  void strictWithoutSkippedRecords_exits0() {
    Cli.Result result =
        Cli.run(
            "hunt", "--strict", "--format", "jsonl", "examples/gcp/cloudaudit-2026-11-30.jsonl");

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly.assertThat(result.out()).as("findings").isNotBlank();
          softly
              .assertThat(result.err())
              .as("standard error")
              .endsWith(", 0 skipped" + System.lineSeparator());
        });
  }

  @Test
  void zeroThreads_usageError() {
    Cli.Result result = Cli.run("hunt", "--threads", "0", Cli.EXAMPLES);

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.USAGE_ERROR);
          softly.assertThat(result.out()).as("standard output").isEmpty();
          softly
              .assertThat(result.err())
              .as("standard error")
              .startsWith("skywarden: error: --threads must be at least 1: 0");
        });
  }

  @Test
  void outputBelowRegularFile_runtimeErrorOneLine() throws IOException {
    Path regularFile = Files.writeString(temp.resolve("not-a-directory"), "x");
    Path output = regularFile.resolve("reports/findings.jsonl");

    Cli.Result result = Cli.run("hunt", "-f", "jsonl", "--output", output.toString(), Cli.EXAMPLES);

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.RUNTIME_ERROR);
          softly.assertThat(result.out()).as("standard output").isEmpty();
          softly
              .assertThat(result.err())
              .as("standard error")
              .startsWith("skywarden: error: failed to create the directory of --output " + output)
              .doesNotContain("Exception")
              .doesNotContain("\tat ");
          softly.assertThat(result.err().lines()).as("standard error lines").hasSize(1);
        });
  }
}
