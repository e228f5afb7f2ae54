package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code skywarden score} on a small generated corpus: exit codes, skipped lines and errors. {@code
 * CorpusDetectionTest} scores real hunts of a larger one.
 */
class ScoreCommandTest {

  @TempDir static Path temp;

  private static Path corpus;

  @BeforeAll
  static void generate() {
    corpus = temp.resolve("corpus");
    Cli.Result generated =
        Cli.run(
            "generate",
            "--out",
            corpus.toString(),
            "--seed",
            "5",
            "--accounts",
            "2",
            "--identities",
            "4",
            "--days",
            "2",
            "--clouds",
            "aws",
            "--scenarios",
            "aws-cloudtrail-disabled",
            "-q");
    assertThat(generated.exitCode()).as("%s", generated).isZero();
  }

  @Test
  void builtinHunt_findsScenario() {
    Path findings = temp.resolve("builtin.jsonl");
    Cli.Result hunt =
        Cli.run(
            "hunt",
            "--format",
            "jsonl",
            "--output",
            findings.toString(),
            corpus.resolve("logs").toString());
    assertThat(hunt.exitCode()).as("%s", hunt).isZero();

    Cli.Result score = Cli.run("score", "--fail-on-missed", corpus.toString(), findings.toString());

    assertThat(score.exitCode()).as("%s", score).isEqualTo(ExitCodes.OK);
    assertThat(score.out()).contains("scenarios found: 1 of 1 (by evidence: 1)");
    assertThat(score.out())
        .contains(
            "| aws-cloudtrail-disabled | T1562.008 | evidence |"
                + " AWS CloudTrail Logging Stopped or Trail Deleted");
  }

  @Test
  void noFindings_failOnMissedExitsFive() throws IOException {
    Path findings = Files.writeString(temp.resolve("empty.jsonl"), "");

    Cli.Result plain = Cli.run("score", corpus.toString(), findings.toString());
    Cli.Result strict =
        Cli.run("score", "--fail-on-missed", corpus.toString(), findings.toString());

    assertThat(plain.exitCode()).as("%s", plain).isEqualTo(ExitCodes.OK);
    assertThat(plain.out()).contains("scenarios found: 0 of 1");
    assertThat(strict.exitCode()).as("%s", strict).isEqualTo(ExitCodes.SCENARIOS_MISSED);
  }

  @Test
  void badLines_reportedOnStandardError() throws IOException {
    Path findings =
        Files.writeString(
            temp.resolve("bad.jsonl"),
            "{}\nnot json\n"
                + "{\"rule_id\": \"r\", \"title\": \"T\", \"severity\": \"low\","
                + " \"first_seen\": \"2026-01-06T10:00:00Z\", \"last_seen\": \"2026-01-06T10:00:00Z\"}\n");

    Cli.Result score = Cli.run("score", "--format", "json", corpus.toString(), findings.toString());

    assertThat(score.exitCode()).as("%s", score).isEqualTo(ExitCodes.OK);
    assertThat(score.err())
        .contains("skywarden: skipped " + findings + ":1: field 'rule_id' is missing")
        .contains("skywarden: skipped " + findings + ":2: invalid JSON");
    assertThat(score.out()).contains("\"skipped_lines\" : 2");
  }

  @Test
  void missingInputs_usageErrorNamesPath() {
    Path findings = temp.resolve("absent.jsonl");
    Path noCorpus = temp.resolve("absent-corpus");

    Cli.Result noFindings = Cli.run("score", corpus.toString(), findings.toString());
    Cli.Result missingCorpus = Cli.run("score", noCorpus.toString(), findings.toString());

    assertThat(noFindings.exitCode()).as("%s", noFindings).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(noFindings.err()).contains("findings file not found: " + findings);
    assertThat(missingCorpus.exitCode()).as("%s", missingCorpus).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(missingCorpus.err()).contains("corpus folder not found: " + noCorpus);
  }

  @Test
  void corpusWithoutManifest_runtimeErrorNamesFile() throws IOException {
    Path findings = Files.writeString(temp.resolve("none.jsonl"), "");

    Cli.Result score = Cli.run("score", temp.toString(), findings.toString());

    assertThat(score.exitCode()).as("%s", score).isEqualTo(ExitCodes.RUNTIME_ERROR);
    assertThat(score.err()).contains(temp.resolve("corpus.json") + ": cannot read");
  }

  @Test
  void findingsFolder_usageErrorSaysFolder() {
    Cli.Result score = Cli.run("score", corpus.toString(), corpus.toString());

    assertThat(score.exitCode()).as("%s", score).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(score.err())
        .contains("findings file is a folder: " + corpus + " (give the file of hunt --output)");
  }

  @Test
  void findingsDevice_read() {
    Path device = Path.of("/dev/null");
    assumeTrue(Files.isReadable(device), "no /dev/null on this system");

    Cli.Result score = Cli.run("score", corpus.toString(), device.toString());

    assertThat(score.exitCode()).as("%s", score).isEqualTo(ExitCodes.OK);
    assertThat(score.out()).contains("/dev/null: 0 findings");
  }

  @Test
  void standardInput_read() throws IOException {
    String finding =
        "{\"rule_id\": \"r\", \"title\": \"T\", \"severity\": \"low\", \"principal\": \"p\","
            + " \"first_seen\": \"2026-01-06T10:00:00Z\", \"last_seen\": \"2026-01-06T10:00:00Z\"}\n";
    ByteArrayInputStream in = new ByteArrayInputStream(finding.getBytes(StandardCharsets.UTF_8));

    Cli.Result score = Cli.run(in, "score", corpus.toString(), "-");

    assertThat(score.exitCode()).as("%s", score).isEqualTo(ExitCodes.OK);
    assertThat(score.out()).contains("-: 1 findings (0 lines skipped)");
  }

  @Test
  void findingsNamedPipe_read() throws IOException, InterruptedException {
    Path fifo = temp.resolve("findings.fifo");
    assumeTrue(makeFifo(fifo), "mkfifo is not available");
    String finding =
        "{\"rule_id\": \"r\", \"title\": \"T\", \"severity\": \"low\", \"principal\": \"p\","
            + " \"first_seen\": \"2026-01-06T10:00:00Z\", \"last_seen\": \"2026-01-06T10:00:00Z\"}\n";
    Thread writer =
        new Thread(
            () -> {
              try {
                Files.writeString(fifo, finding);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    writer.setDaemon(true);
    writer.start();

    Cli.Result score = Cli.run("score", corpus.toString(), fifo.toString());
    writer.join(10_000);

    assertThat(score.exitCode()).as("%s", score).isEqualTo(ExitCodes.OK);
    assertThat(score.out()).contains(fifo + ": 1 findings (0 lines skipped)");
  }

  /** Makes a named pipe with mkfifo; returns false when the command is missing or fails. */
  private static boolean makeFifo(Path path) throws InterruptedException {
    try {
      return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void noLineIsFinding_runtimeError() throws IOException {
    Path notFindings = corpus.resolve("ground-truth.jsonl");

    Cli.Result score =
        Cli.run("score", "--fail-on-missed", corpus.toString(), notFindings.toString());

    assertThat(score.exitCode()).as("%s", score).isEqualTo(ExitCodes.RUNTIME_ERROR);
    assertThat(score.err())
        .contains("skywarden: skipped " + notFindings + ":1: field 'rule_id' is missing")
        .contains(
            notFindings
                + ": no line is a finding (1 lines skipped): give the output of hunt --format"
                + " jsonl");
  }

  @Test
  void findingsOutsideCorpusTime_warned() throws IOException {
    Path findings =
        Files.writeString(
            temp.resolve("other-corpus.jsonl"),
            "{\"rule_id\": \"r\", \"title\": \"T\", \"severity\": \"low\", \"principal\": \"p\","
                + " \"first_seen\": \"2025-06-01T10:00:00Z\","
                + " \"last_seen\": \"2025-06-01T10:00:00Z\"}\n");

    Cli.Result score = Cli.run("score", corpus.toString(), findings.toString());

    assertThat(score.exitCode()).as("%s", score).isEqualTo(ExitCodes.OK);
    assertThat(score.err())
        .contains(
            "skywarden: warning: 1 of 1 findings of "
                + findings
                + " lie outside the corpus time range 2026-01-05T00:00:00Z to"
                + " 2026-01-07T00:00:00Z: are they from a hunt of another corpus?");
  }

  @Test
  void missingArgument_usageError() {
    Cli.Result score = Cli.run("score", corpus.toString());

    assertThat(score.exitCode()).as("%s", score).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(score.err()).contains("FINDINGS");
  }
}
