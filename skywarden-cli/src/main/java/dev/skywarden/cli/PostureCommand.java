package dev.skywarden.cli;

import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.posture.CheckResult;
import dev.skywarden.core.posture.CheckStatus;
import dev.skywarden.core.posture.PostureAudit;
import dev.skywarden.core.posture.PostureConfigReader;
import dev.skywarden.core.posture.PostureInputs;
import dev.skywarden.core.posture.PostureJsonLinesWriter;
import dev.skywarden.core.posture.PostureLoader;
import dev.skywarden.core.posture.PostureOcsfWriter;
import dev.skywarden.core.posture.PostureResult;
import dev.skywarden.core.posture.PostureTableWriter;
import dev.skywarden.core.posture.PostureWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code skywarden posture}: audits exported IAM data for the mitigations of cloud API abuse. */
@Command(
    name = "posture",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Audits exported IAM data of AWS, Azure / Entra ID and GCP, offline, for the mitigations of"
          + " cloud API abuse: MFA on privileged identities, least privilege, shell and"
          + " run-command rights, just-in-time access, stale credentials, third-party access and"
          + " production segregation.",
      "Reads every file under DIR and recognises each export by its content; a YAML or JSON file"
          + " with keys such as 'production' is the posture configuration."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:runtime error, or an export that is malformed",
      "2:usage error",
      "3:a failed check at or above --fail-on severity"
    })
final class PostureCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "Folder (searched recursively) or file of exports.")
  Path directory;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      description =
          "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). OCSF writes one"
              + " Compliance Finding (class 2003) per result.")
  PostureFormat format = PostureFormat.TABLE;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the results to FILE instead of standard output.")
  Path output;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description =
          "Measure credential ages against DATE (YYYY-MM-DD or an ISO-8601 instant). Default: the"
              + " generation time of the credential report, else the current time.")
  String asOf;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Read the posture configuration from FILE instead of from DIR.")
  Path config;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      description =
          "Exit with code 3 when a check failed at or above SEVERITY: informational, low, medium,"
              + " high or critical.")
  String failOn;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log more: -v for details, -vv for debugging.")
  boolean[] verbose = new boolean[0];

  @Option(
      names = {"-q", "--quiet"},
      description = "Log errors only.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    LoggingLevel.apply(verbose.length, quiet);
    Severity threshold = parseFailOn();
    Instant fixedAsOf = parseAsOf(asOf, spec);

    PostureInputs inputs = load(directory, spec);
    if (config != null) {
      if (!Files.isRegularFile(config)) {
        throw new ParameterException(spec.commandLine(), "--config: file not found: " + config);
      }
      inputs =
          new PostureInputs(
              inputs.exports(),
              PostureConfigReader.readFile(config),
              inputs.generatedTime(),
              inputs.ignored());
    }
    if (inputs.exports().isEmpty()) {
      spec.commandLine()
          .getErr()
          .println("skywarden: warning: no posture export found in " + directory);
    }
    Instant time =
        fixedAsOf != null
            ? fixedAsOf
            : PostureAudit.defaultAsOf(inputs, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    PostureResult result = new PostureAudit().audit(inputs, time);
    for (String warning : result.warnings()) {
      spec.commandLine().getErr().println("skywarden: warning: " + warning);
    }

    write(result);
    if (threshold != null) {
      for (CheckResult item : result.results(CheckStatus.FAIL)) {
        if (item.check().severity().compareTo(threshold) >= 0) {
          return ExitCodes.FINDINGS_AT_SEVERITY;
        }
      }
    }
    return ExitCodes.OK;
  }

  /**
   * Loads a posture folder, turning a missing path into a usage error.
   *
   * @throws IOException when a file cannot be read or an export is malformed
   */
  static PostureInputs load(Path directory, CommandSpec spec) throws IOException {
    try {
      return new PostureLoader().load(directory);
    } catch (NoSuchFileException e) {
      throw new ParameterException(spec.commandLine(), "posture folder not found: " + e.getFile());
    }
  }

  /** Parses {@code --as-of}: a date (midnight UTC) or an instant; {@code null} stays null. */
  static Instant parseAsOf(String text, CommandSpec spec) {
    if (text == null) {
      return null;
    }
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(),
          "--as-of: invalid date '" + text + "': expected YYYY-MM-DD or 2025-03-01T00:00:00Z");
    }
  }

  private Severity parseFailOn() {
    if (failOn == null) {
      return null;
    }
    try {
      return Severity.parse(failOn);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--fail-on: " + e.getMessage());
    }
  }

  private void write(PostureResult result) throws IOException {
    PostureWriter writer =
        switch (format) {
          case JSONL -> new PostureJsonLinesWriter();
          case OCSF -> new PostureOcsfWriter();
          case TABLE -> new PostureTableWriter();
        };
    Instant time = Instant.now();
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      writer.write(result, VersionProvider.version(), time, out);
      return;
    }
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (Writer out =
        new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8)) {
      writer.write(result, VersionProvider.version(), time, out);
    } catch (IOException e) {
      throw new IOException("failed to write --output " + output + ": " + e.getMessage(), e);
    }
  }
}
