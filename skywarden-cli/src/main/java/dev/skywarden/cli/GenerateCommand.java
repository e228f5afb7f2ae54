package dev.skywarden.cli;

import dev.skywarden.corpus.Cloud;
import dev.skywarden.corpus.CorpusGenerator;
import dev.skywarden.corpus.CorpusOptions;
import dev.skywarden.corpus.CorpusSummary;
import dev.skywarden.corpus.GroundTruth;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code skywarden generate}: writes a deterministic corpus of AWS, Azure and GCP audit logs with
 * attack scenarios and their ground truth, for benchmarks and detection tests.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Generates audit logs of a simulated organisation (AWS accounts, Azure subscriptions, GCP"
          + " projects; people, CI pipelines, workloads and cloud services) with attack scenarios"
          + " inserted, in the providers' delivery layouts under OUT/logs, and the scenarios in"
          + " OUT/ground-truth.jsonl.",
      "OUT/ip-ranges holds the generator's cloud and hosting address ranges in the providers'"
          + " published formats: hunt --analytics --ip-ranges OUT/ip-ranges OUT/logs places every"
          + " source address. The first day has no attacks when --days is 2 or more or --size"
          + " is given, so that it can train the analytics. The scenarios spread evenly from the"
          + " second day to the last, which with --size is the last day that the first day's"
          + " size predicts.",
      "The same seed and options give byte-identical output."
    })
final class GenerateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder to write; it must not exist or be empty.")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--start",
      defaultValue = "2026-01-05",
      paramLabel = "DATE",
      description = "First day, ISO date, from 00:00 UTC (default: ${DEFAULT-VALUE}, a Monday).")
  String start;

  @Option(
      names = "--days",
      defaultValue = "1",
      description =
          "Days to generate; with --size the minimum, and generation stops at the first hour"
              + " boundary after both are reached (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--size",
      paramLabel = "SIZE",
      description =
          "Keep generating, hour by hour, until the log files take SIZE on disk, such as 50MB,"
              + " 1GB or 10GB (CloudTrail files gzip-compressed, the others plain JSON Lines)."
              + " The first, attack-free day and the scenarios are always written, so a SIZE"
              + " below about two days of logs is exceeded.")
  String size;

  @Option(
      names = "--accounts",
      defaultValue = "12",
      description =
          "AWS accounts; Azure subscriptions and GCP projects are a third of it each, at least"
              + " two (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--identities",
      defaultValue = "150",
      description = "People in the organisation (default: ${DEFAULT-VALUE}).")
  int identities;

  @Option(
      names = "--clouds",
      split = ",",
      paramLabel = "CLOUD",
      description = "Clouds to generate, comma-separated: aws, azure, gcp (default: all).")
  List<String> clouds = List.of("aws", "azure", "gcp");

  @Option(
      names = "--scenarios",
      split = ",",
      paramLabel = "ID",
      description =
          "Attack scenarios to insert, comma-separated ids, 'all' or 'none' (default: all). Ids:"
              + " aws-stolen-key-hosting, aws-cloudshell-persistence, aws-ssm-sendcommand-fleet,"
              + " aws-ec2-userdata-restart, gcp-startup-script,"
              + " azure-vm-runcommand-unusual-network, aws-instance-credentials-outside,"
              + " aws-enumeration-burst, aws-cloudtrail-disabled, gcp-logging-sink-deleted,"
              + " azure-diagnostic-setting-deleted, aws-access-key-other-user,"
              + " entra-app-credential-added, gcp-service-account-key-created. 'all' keeps"
              + " those of the --clouds; an id of a cloud left out is an error.")
  List<String> scenarios = List.of("all");

  @Option(
      names = "--threads",
      description =
          "Worker threads that build files; the output does not depend on it (default: number"
              + " of cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = {"-q", "--quiet"},
      description = "Print no progress, only the summary.")
  boolean quiet;

  @Override
  public Integer call() throws IOException, InterruptedException {
    CorpusOptions options = options();
    PrintWriter err = spec.commandLine().getErr();
    CorpusGenerator.Progress progress =
        quiet
            ? null
            : (time, records, bytes) -> {
              if (time.getEpochSecond() % 21_600 == 0) {
                err.printf(
                    Locale.ROOT,
                    "generated up to %s: %,d records, %,d bytes%n",
                    time,
                    records,
                    bytes);
                err.flush();
              }
            };
    CorpusSummary summary;
    try {
      summary = new CorpusGenerator(options).generate(out, progress);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }

    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(
        Locale.ROOT,
        "wrote %,d records in %,d files (%,d bytes) from %s to %s into %s%n",
        summary.records(),
        summary.files(),
        summary.bytes(),
        summary.start(),
        summary.end(),
        out.resolve("logs"));
    stdout.printf(
        Locale.ROOT,
        "wrote the address ranges for hunt --ip-ranges into %s%n",
        out.resolve(CorpusGenerator.IP_RANGES_FOLDER));
    for (GroundTruth truth : summary.groundTruth()) {
      stdout.printf(
          Locale.ROOT,
          "scenario %-38s %s to %s, %d records%n",
          truth.scenario(),
          truth.start(),
          truth.end(),
          truth.eventIds().size());
    }
    stdout.flush();
    return ExitCodes.OK;
  }

  private CorpusOptions options() {
    try {
      LocalDate first = LocalDate.parse(start);
      long target = size == null ? 0 : CorpusOptions.parseSize(size);
      Set<Cloud> selected = EnumSet.noneOf(Cloud.class);
      for (String cloud : clouds) {
        selected.add(Cloud.parse(cloud));
      }
      rejectScenariosOfOtherClouds(selected);
      return new CorpusOptions(
          seed, first, days, target, accounts, identities, selected, scenarioIds(), threads);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(),
          "invalid --start '" + start + "': expected a date such as 2026-01-05",
          e);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /**
   * Rejects {@code none} beside other values, and a scenario named by id whose cloud is not
   * generated, which would otherwise be left out without a word. Scenarios chosen by {@code all}
   * are left out silently.
   */
  private void rejectScenariosOfOtherClouds(Set<Cloud> selected) {
    if (scenarios.contains("none") && scenarios.stream().anyMatch(id -> !id.equals("none"))) {
      throw new IllegalArgumentException(
          "'none' cannot be combined with other --scenarios values: give 'none' alone for a"
              + " corpus without attacks");
    }
    for (String id : scenarios) {
      Cloud cloud = scenarioCloud(id);
      if (cloud != null && !selected.contains(cloud)) {
        throw new IllegalArgumentException(
            "scenario '"
                + id
                + "' needs cloud "
                + cloud.name().toLowerCase(Locale.ROOT)
                + ", which --clouds leaves out: add it to --clouds or drop the scenario");
      }
    }
  }

  /** Returns the cloud a scenario id writes to, from its prefix, or null for all and none. */
  private static Cloud scenarioCloud(String id) {
    if (id.startsWith("aws-")) {
      return Cloud.AWS;
    }
    if (id.startsWith("gcp-")) {
      return Cloud.GCP;
    }
    if (id.startsWith("azure-") || id.startsWith("entra-")) {
      return Cloud.AZURE;
    }
    return null;
  }

  private Set<String> scenarioIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (String id : scenarios) {
      if (id.equals("all")) {
        ids.addAll(CorpusOptions.defaults(0).scenarios());
      } else if (!id.equals("none")) {
        ids.add(id);
      }
    }
    return ids;
  }
}
