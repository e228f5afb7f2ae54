package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
    assertThat(score.out()).contains("scenarios found: 1 of 1");
    assertThat(score.out()).contains("| aws-cloudtrail-disabled | T1562.008 | yes |");
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
    Path findings = Files.writeString(temp.resolve("bad.jsonl"), "{}\nnot json\n");

    Cli.Result score = Cli.run("score", "--format", "json", corpus.toString(), findings.toString());

    assertThat(score.exitCode()).as("%s", score).isEqualTo(ExitCodes.OK);
    assertThat(score.err())
        .contains("skywarden: skipped " + findings + ":1: field 'rule_id' is missing")
        .contains("skywarden: skipped " + findings + ":2: invalid JSON");
    assertThat(score.out()).contains("\"skipped_lines\" : 2");
  }

  @Test
  void missingInputs_runtimeErrorNamesFile() {
    Path findings = temp.resolve("absent.jsonl");

    Cli.Result noFindings = Cli.run("score", corpus.toString(), findings.toString());
    Cli.Result noCorpus = Cli.run("score", temp.toString(), findings.toString());

    assertThat(noFindings.exitCode()).as("%s", noFindings).isEqualTo(ExitCodes.RUNTIME_ERROR);
    assertThat(noFindings.err()).contains(findings + ": findings file not found");
    assertThat(noCorpus.exitCode()).as("%s", noCorpus).isEqualTo(ExitCodes.RUNTIME_ERROR);
    assertThat(noCorpus.err()).contains(temp.resolve("corpus.json") + ": cannot read");
  }

  @Test
  void missingArgument_usageError() {
    Cli.Result score = Cli.run("score", corpus.toString());

    assertThat(score.exitCode()).as("%s", score).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(score.err()).contains("FINDINGS");
  }
}
