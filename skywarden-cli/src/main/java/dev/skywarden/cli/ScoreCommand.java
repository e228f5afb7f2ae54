package dev.skywarden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.skywarden.core.incident.AttackSequencer;
import dev.skywarden.corpus.GroundTruth;
import dev.skywarden.corpus.score.CorpusManifest;
import dev.skywarden.corpus.score.DetectionScore;
import dev.skywarden.corpus.score.FindingsFile;
import dev.skywarden.corpus.score.GroundTruthFile;
import dev.skywarden.corpus.score.InvalidScoreInputException;
import dev.skywarden.corpus.score.ScoreReport;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code skywarden score}: scores the findings of a hunt against the ground truth of a corpus that
 * {@code skywarden generate} wrote, as the detection figures of {@code docs/detection-coverage.md}
 * are made.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Scores the findings of a hunt (hunt --format jsonl) against the ground truth of a corpus"
          + " that generate wrote: which inserted scenarios got a finding, and how many findings"
          + " fall outside every scenario per 1,000 identities per day.",
      "A finding matches a scenario by evidence when its evidence shows one of the scenario's"
          + " events, or by principal and time when its principal is one of the scenario's"
          + " identities (or their role) and its first-to-last time overlaps the scenario's time"
          + " range. The first proves the finding is about the attack; the second is looser and"
          + " also credits other findings of the attacked identity."
    })
final class ScoreCommand implements Callable<Integer> {

  /** The formats of the score. */
  enum Format {
    text,
    json
  }

  @Spec CommandSpec spec;

  /** The stream behind the path {@code -}; tests replace it. */
  InputStream standardInput = System.in;

  @Parameters(
      index = "0",
      paramLabel = "CORPUS",
      description = "Corpus folder that generate wrote, with corpus.json and ground-truth.jsonl.")
  Path corpus;

  @Parameters(
      index = "1",
      paramLabel = "FINDINGS",
      description =
          "Findings of hunt --format jsonl over CORPUS/logs, plain or gzip, or - for standard"
              + " input.")
  String findings;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--fail-on-missed",
      description =
          "Exit with code 5 when a scenario has no finding, for scripts that guard detection.")
  boolean failOnMissed;

  @Override
  public Integer call() throws IOException, InvalidScoreInputException {
    checkPaths();
    ObjectMapper json = new ObjectMapper();
    CorpusManifest manifest = CorpusManifest.read(corpus, json);
    List<GroundTruth> truths = GroundTruthFile.read(corpus, json);
    // Only the events of the scenarios can match, so the rest of the evidence ids are not kept.
    Set<String> scenarioEvents = new HashSet<>();
    truths.forEach(truth -> scenarioEvents.addAll(truth.eventIds()));
    FindingsFile file = readFindings(json, scenarioEvents);

    PrintWriter err = spec.commandLine().getErr();
    for (String reason : file.skippedReasons()) {
      err.println("skywarden: skipped " + reason);
    }
    if (file.skipped() > file.skippedReasons().size()) {
      err.printf(
          "skywarden: skipped %d more lines of %s%n",
          file.skipped() - file.skippedReasons().size(), file.name());
    }
    err.flush();
    if (file.findings().isEmpty() && file.skipped() > 0) {
      // A gzip, a log file or the ground truth itself would otherwise score as "0 of N found".
      throw new InvalidScoreInputException(
          file.name()
              + ": no line is a finding ("
              + file.skipped()
              + " lines skipped): give the output of hunt --format jsonl");
    }
    warnOfFindingsOutsideCorpus(manifest, file, err);

    DetectionScore score = DetectionScore.of(manifest, truths, file, AttackSequencer.RULE_ID);

    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      out.println(
          json.enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(ScoreReport.json(score, file)));
    } else {
      out.print(ScoreReport.text(score, file.name()));
    }
    out.flush();
    return failOnMissed && !score.missed().isEmpty() ? ExitCodes.SCENARIOS_MISSED : ExitCodes.OK;
  }

  /** Rejects a missing corpus folder or findings file as a usage error, as hunt does. */
  private void checkPaths() {
    if (!Files.isDirectory(corpus)) {
      String reason =
          Files.exists(corpus) ? "corpus is not a folder: " : "corpus folder not found: ";
      throw new ParameterException(
          spec.commandLine(), reason + corpus + " (give the --out folder of generate)");
    }
    if (findings.equals("-")) {
      return;
    }
    Path path = Path.of(findings);
    if (Files.isDirectory(path)) {
      throw new ParameterException(
          spec.commandLine(),
          "findings file is a folder: " + findings + " (give the file of hunt --output)");
    }
    // Not isRegularFile: a named pipe, /dev/stdin or a shell's <(...) is a valid findings file.
    if (!Files.exists(path)) {
      throw new ParameterException(
          spec.commandLine(),
          "findings file not found: " + findings + " (or give - for standard input)");
    }
  }

  private FindingsFile readFindings(ObjectMapper json, Set<String> scenarioEvents)
      throws IOException {
    if (findings.equals("-")) {
      return FindingsFile.read("-", standardInput, json, scenarioEvents::contains);
    }
    // Not Files.newInputStream: on JDK 17 its available() fails with "Illegal seek" on a pipe.
    try (InputStream in = new FileInputStream(findings)) {
      return FindingsFile.read(findings, in, json, scenarioEvents::contains);
    }
  }

  /**
   * Warns when findings lie outside the corpus's time range, which a hunt of this corpus cannot
   * give, so the findings are most likely of another corpus.
   */
  private static void warnOfFindingsOutsideCorpus(
      CorpusManifest manifest, FindingsFile file, PrintWriter err) {
    long outside =
        file.findings().stream()
            .filter(
                finding ->
                    finding.firstSeen().isBefore(manifest.start())
                        || finding.lastSeen().isAfter(manifest.end()))
            .count();
    if (outside > 0) {
      err.printf(
          "skywarden: warning: %d of %d findings of %s lie outside the corpus time range %s to %s:"
              + " are they from a hunt of another corpus?%n",
          outside, file.findings().size(), file.name(), manifest.start(), manifest.end());
      err.flush();
    }
  }
}
