package dev.skywarden.cli;

import dev.skywarden.core.analytics.AnalyticsSummary;
import dev.skywarden.core.analytics.BehaviouralAnalytics;
import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.detect.SigmaDetector;
import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.hunt.HuntProgress;
import dev.skywarden.core.hunt.HuntResult;
import dev.skywarden.core.hunt.Hunter;
import dev.skywarden.core.hunt.HunterBuilder;
import dev.skywarden.core.input.InputDiscovery;
import dev.skywarden.core.input.InputWalk;
import dev.skywarden.core.mappings.MappingCatalog;
import dev.skywarden.core.netintel.LoadProblem;
import dev.skywarden.core.netintel.NetworkIntel;
import dev.skywarden.core.netintel.NetworkIntelException;
import dev.skywarden.core.posture.PostureAudit;
import dev.skywarden.core.posture.PostureEnricher;
import dev.skywarden.core.posture.PostureIndex;
import dev.skywarden.core.posture.PostureInputs;
import dev.skywarden.core.posture.PostureResult;
import dev.skywarden.core.report.AsffFindingWriter;
import dev.skywarden.core.report.CsvFindingWriter;
import dev.skywarden.core.report.FindingWriter;
import dev.skywarden.core.report.HuntSummary;
import dev.skywarden.core.report.JsonLinesFindingWriter;
import dev.skywarden.core.report.NavigatorLayerWriter;
import dev.skywarden.core.report.OcsfFindingWriter;
import dev.skywarden.core.report.Plurals;
import dev.skywarden.core.report.TableReport;
import dev.skywarden.core.report.html.ActivitySampler;
import dev.skywarden.core.report.html.HtmlReportWriter;
import dev.skywarden.core.report.html.PrincipalPosture;
import dev.skywarden.core.stats.InputStatistics;
import dev.skywarden.core.stats.SkipReason;
import dev.skywarden.core.stats.SkippedRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code skywarden hunt}: hunts through audit logs and reports findings. */
@Command(
    name = "hunt",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Hunts through AWS CloudTrail, Azure Activity, Entra ID and GCP audit logs for abuse of"
          + " cloud APIs.",
      "Reads files, directories (recursively) and '-' for standard input; gzip is detected"
          + " by content."
    })
final class HuntCommand implements Callable<Integer> {

  /** The largest {@code --sequence-window}; longer windows chain unrelated activity. */
  private static final Duration MAX_SEQUENCE_WINDOW = Duration.ofDays(30);

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Log files, directories or '-'.")
  List<String> paths;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format = OutputFormat.TABLE;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write findings to FILE instead of standard output.")
  Path output;

  @Option(
      names = "--aws-account",
      paramLabel = "ID",
      description =
          "With --format asff: the 12-digit AWS account that will import the file, used as"
              + " AwsAccountId and in the ProductArn of every finding. Security Hub's"
              + " BatchImportFindings needs AwsAccountId equal to the calling account with the"
              + " default product ARN. Without it, AWS findings use the event's account and"
              + " Azure and GCP findings 000000000000.")
  String awsAccount;

  @Option(
      names = "--aws-region",
      paramLabel = "REGION",
      description =
          "With --format asff: the Security Hub region of the ProductArn (default: us-east-1).")
  String awsRegion = "us-east-1";

  @Option(
      names = "--strict",
      description =
          "Exit with code 4 when an input record was skipped as damaged, unreadable or not"
              + " understood (digest files, control messages and Insights events do not count)"
              + " or the --state file was damaged, and with code 2 before reading any input when"
              + " a rule of --rules fails to load.")
  boolean strict;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      description =
          "Exit with code 3 when a finding at or above SEVERITY exists: informational, low,"
              + " medium, high or critical.")
  String failOn;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads; files are read in parallel (default: number of cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      description = "Colour in the table: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  ColorMode color = ColorMode.AUTO;

  @Option(
      names = "--posture",
      paramLabel = "DIR",
      description =
          "Add to each finding the posture of its principal from the IAM exports in DIR (see"
              + " 'skywarden posture'), and raise the severity of medium or higher findings by"
              + " one level when the principal is privileged without MFA, external or holds"
              + " standing privileges.")
  Path posture;

  @Option(
      names = "--ip-ranges",
      paramLabel = "FILE|DIR",
      description =
          "Published IP range file of a cloud or hosting provider, or a directory of them"
              + " (repeatable): AWS ip-ranges.json, Google cloud.json, Azure service tags JSON,"
              + " Oracle public_ip_ranges.json, or an RFC 8805 geofeed CSV such as DigitalOcean's"
              + " and Linode's, recognised by content. Adds provider, service and region to each"
              + " event's source address.")
  List<Path> ipRanges = new ArrayList<>();

  @Option(
      names = "--tor-exits",
      paramLabel = "FILE",
      description =
          "Tor exit list: one address per line, or the Tor Project's exit-addresses file. Marks"
              + " calls from Tor exit relays.")
  Path torExits;

  @Option(
      names = "--geoip",
      paramLabel = "FILE",
      description =
          "MaxMind DB file (repeatable): GeoLite2/GeoIP2 ASN, Country, City or Anonymous IP. Adds"
              + " AS number, AS organisation, country and VPN, proxy or hosting flags.")
  List<Path> geoip = new ArrayList<>();

  @Option(
      names = "--sequence-window",
      paramLabel = "DURATION",
      description =
          "Chain findings of one credential, principal or person (linked across clouds by e-mail"
              + " or UPN) along the kill chain into one incident finding when its steps start"
              + " within DURATION of the first, such as 90m, 24h or 3d, at most 30d; 0 turns"
              + " incidents off (default: 24h).")
  String sequenceWindow = "24h";

  @Option(
      names = {"-v", "--verbose"},
      description = "Log more: -v for progress details, -vv for debugging.")
  boolean[] verbose = new boolean[0];

  @Option(
      names = {"-q", "--quiet"},
      description = "Log errors only and print no progress line.")
  boolean quiet;

  @Mixin RuleOptions ruleOptions;

  @Mixin AnalyticsOptionsMixin analyticsOptions;

  /** The stream that the path {@code -} reads; {@link Main#newCommandLine(InputStream)} sets it. */
  InputStream standardInput = System.in;

  @Override
  public Integer call() throws IOException, InterruptedException {
    try {
      return hunt();
    } finally {
      analyticsOptions.releaseState();
    }
  }

  private int hunt() throws IOException, InterruptedException {
    LoggingLevel.apply(verbose.length, quiet);
    Severity failThreshold = parseFailOn();
    if (threads < 1) {
      throw new ParameterException(spec.commandLine(), "--threads must be at least 1: " + threads);
    }
    if (awsAccount != null && !awsAccount.matches("[0-9]{12}")) {
      throw new ParameterException(
          spec.commandLine(), "--aws-account: expected 12 digits, got '" + awsAccount + "'");
    }
    if (!awsRegion.matches("[a-z]{2}(-[a-z]+)+-[0-9]+")) {
      throw new ParameterException(
          spec.commandLine(), "--aws-region: expected a region such as eu-west-1: " + awsRegion);
    }

    InputWalk inputs = discoverInputs();
    checkOutput();
    PostureIndex postureIndex = loadPosture();
    NetworkIntel networkIntel = loadNetworkIntel();
    Optional<SigmaDetector> sigma = ruleOptions.loadDetector(strict, verbose.length > 0, quiet);
    if (sigma.isEmpty()) {
      return ExitCodes.USAGE_ERROR;
    }
    BehaviouralAnalytics analytics = createAnalytics(networkIntel);
    if (analyticsOptions.enabled() && analytics == null) {
      return ExitCodes.RUNTIME_ERROR;
    }
    createOutputDirectories();
    HunterBuilder builder = HunterBuilder.empty().detector(sigma.get()).threads(threads);
    if (analytics != null) {
      builder.detector(analytics);
    }
    if (networkIntel != null) {
      builder.networkIntel(networkIntel);
    }
    Duration window = parseSequenceWindow();
    if (!window.isZero()) {
      if (analytics == null) {
        builder.attackSequences(window);
      } else {
        builder.attackSequences(window, () -> judgedFrom(analytics));
      }
    }
    // The HTML report's timeline and stories need every event, not only the evidence of findings.
    ActivitySampler sampler = format == OutputFormat.HTML ? new ActivitySampler() : null;
    if (sampler != null) {
      builder.detector(sampler);
    }
    Hunter hunter = builder.build();
    HuntProgress progress = new HuntProgress();
    ProgressLine line = ProgressLine.start(progress, !quiet, spec.commandLine().getErr());
    HuntResult result;
    try {
      result = hunter.hunt(inputs, progress);
    } finally {
      line.close();
    }
    if (postureIndex != null) {
      result = withPosture(result, postureIndex);
    }

    writeFindings(result, sampler);
    if (analytics != null) {
      analyticsOptions.saveState();
      if (!quiet) {
        analyticsOptions.printSummary(analytics, spec.commandLine().getErr());
      }
    }
    if (format != OutputFormat.TABLE || output != null) {
      printStatisticsLine(result.total());
    }
    return exitCode(result, failThreshold, analytics);
  }

  /**
   * Creates the analytics detector when an analytics option is given, reading {@code --state}.
   * Returns null when none is given, or when the state folder cannot be locked.
   */
  private BehaviouralAnalytics createAnalytics(NetworkIntel networkIntel) throws IOException {
    if (!analyticsOptions.enabled()) {
      return null;
    }
    Set<CloudProvider> publishedRanges =
        networkIntel == null ? Set.of() : networkIntel.rangeClouds();
    try {
      return analyticsOptions.create(publishedRanges, spec.commandLine().getErr());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** Audits the {@code --posture} folder before the hunt, so a bad export fails at once. */
  private PostureIndex loadPosture() throws IOException {
    if (posture == null) {
      return null;
    }
    PostureInputs inputs = PostureCommand.load(posture, spec);
    PostureResult audit =
        new PostureAudit().audit(inputs, PostureAudit.defaultAsOf(inputs, Instant.now()));
    if (!quiet) {
      spec.commandLine()
          .getErr()
          .printf(
              "skywarden: posture: %s from %s in %s%n",
              Plurals.count(audit.identities().size(), "identity", "identities"),
              Plurals.count(inputs.exports().size(), "export"),
              posture);
    }
    return audit.index();
  }

  /**
   * Loads {@code --ip-ranges}, {@code --tor-exits} and {@code --geoip} before the hunt, so a bad
   * file fails at once; returns {@code null} when none is given.
   */
  private NetworkIntel loadNetworkIntel() {
    if (ipRanges.isEmpty() && torExits == null && geoip.isEmpty()) {
      return null;
    }
    NetworkIntel intel;
    try {
      intel = NetworkIntel.load(ipRanges, Optional.ofNullable(torExits), geoip);
    } catch (NetworkIntelException e) {
      throw new ParameterException(spec.commandLine(), "network intel: " + e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    if (verbose.length > 0) {
      intel.sources().forEach(line -> err.printf("skywarden: %s%n", line));
      for (LoadProblem problem : intel.problems()) {
        err.printf("skywarden: skipped %s%n", problem.message());
      }
    }
    if (!quiet) {
      String hint = intel.problemCount() > 0 && verbose.length == 0 ? " (see --verbose)" : "";
      err.printf("skywarden: %s%s%n", intel.summary(), hint);
    }
    return intel;
  }

  private static HuntResult withPosture(HuntResult result, PostureIndex index) {
    return new HuntResult(
        new PostureEnricher(index).enrich(result.findings()),
        result.inputs(),
        result.total(),
        result.detectorErrors(),
        result.elapsed());
  }

  /** Parses {@code --sequence-window}: a number with s, m, h or d, or an ISO-8601 duration. */
  private Duration parseSequenceWindow() {
    String text = sequenceWindow.strip().toLowerCase(java.util.Locale.ROOT);
    Duration window;
    try {
      if (text.equals("0")) {
        window = Duration.ZERO;
      } else if (text.matches("[0-9]{1,6}[smhd]")) {
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        window =
            switch (text.charAt(text.length() - 1)) {
              case 's' -> Duration.ofSeconds(amount);
              case 'm' -> Duration.ofMinutes(amount);
              case 'h' -> Duration.ofHours(amount);
              default -> Duration.ofDays(amount);
            };
      } else {
        window = Duration.parse(sequenceWindow.strip());
      }
    } catch (java.time.format.DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(),
          "--sequence-window: invalid duration '"
              + sequenceWindow
              + "': expected a number with s, m, h or d such as 24h, or 0 for no incidents");
    }
    if (window.isNegative() || window.compareTo(MAX_SEQUENCE_WINDOW) > 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--sequence-window: " + sequenceWindow + " is out of range: 0 to 30d");
    }
    return window;
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

  private InputWalk discoverInputs() throws IOException {
    try {
      return new InputDiscovery(standardInput).discover(paths);
    } catch (NoSuchFileException e) {
      throw new ParameterException(
          spec.commandLine(),
          "input not found: " + e.getFile() + " (give a file, a directory or -)");
    }
  }

  private void writeFindings(HuntResult result, ActivitySampler sampler) throws IOException {
    HuntSummary summary =
        new HuntSummary(VersionProvider.version(), Instant.now(), result.inputs());
    FindingWriter writer = newWriter(sampler, result.findings());
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      writer.write(result.findings(), summary, out);
      out.flush();
      // PrintWriter records write errors instead of throwing them (a full disk, a closed pipe).
      if (out.checkError()) {
        throw new IOException("failed to write the findings to standard output");
      }
      return;
    }
    try (Writer out =
        new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8)) {
      writer.write(result.findings(), summary, out);
    } catch (IOException e) {
      throw new IOException("failed to write --output " + output + ": " + e.getMessage(), e);
    }
  }

  /**
   * Rejects an empty {@code --output}, maps {@code -} to standard output, and rejects an output
   * that is one of the inputs, which the hunt would overwrite: a file given as an input or lying in
   * a directory given as one ({@link InputDiscovery#isInput}).
   *
   * <p>NOTE: an output reached only through a symbolic link inside an input directory is not
   * recognised, because checking it would mean walking every input before the hunt.
   */
  private void checkOutput() throws IOException {
    if (output == null) {
      return;
    }
    String text = output.toString();
    if (text.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--output: the file name is empty");
    }
    if ("-".equals(text)) {
      output = null;
      return;
    }
    if (InputDiscovery.isInput(paths, output)) {
      throw new ParameterException(
          spec.commandLine(), "--output " + output + " is also an input; choose another file");
    }
  }

  /**
   * Creates the missing parent directories of {@code --output} before the hunt, so that a path that
   * cannot be written fails at once instead of after reading every input.
   */
  private void createOutputDirectories() throws IOException {
    if (output == null) {
      return;
    }
    Path parent = output.toAbsolutePath().getParent();
    if (parent == null) {
      return;
    }
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new IOException(
          "failed to create the directory of --output " + output + ": " + e.getMessage(), e);
    }
  }

  private FindingWriter newWriter(ActivitySampler sampler, List<Finding> findings) {
    return switch (format) {
      case JSONL -> new JsonLinesFindingWriter();
      case OCSF -> new OcsfFindingWriter();
      case CSV -> new CsvFindingWriter();
      case ASFF ->
          awsAccount == null
              ? new AsffFindingWriter(
                  ControlCatalog.bundled(), awsRegion, AsffFindingWriter.UNKNOWN_ACCOUNT)
              : AsffFindingWriter.forImportingAccount(
                  ControlCatalog.bundled(), awsRegion, awsAccount);
      case NAVIGATOR -> new NavigatorLayerWriter();
      case HTML ->
          new HtmlReportWriter(
              ControlCatalog.bundled(),
              MappingCatalog.bundled(),
              sampler::snapshot,
              posture == null ? null : PrincipalPosture.fromFindings(findings));
      case TABLE -> new TableReport(useColor());
    };
  }

  private boolean useColor() {
    if (color == ColorMode.ALWAYS) {
      return true;
    }
    if (color == ColorMode.NEVER || output != null) {
      return false;
    }
    return Terminal.isInteractive() && System.getenv("NO_COLOR") == null;
  }

  /** Prints one line of input statistics on standard error, for outputs that carry none. */
  private void printStatisticsLine(InputStatistics total) {
    if (quiet) {
      return;
    }
    spec.commandLine()
        .getErr()
        .printf(
            "skywarden: %s, %s, %s, %d skipped%n",
            Plurals.count(total.files(), "file"),
            Plurals.count(total.records(), "record"),
            Plurals.count(total.events(), "event"),
            total.skipped());
  }

  /**
   * Returns the end of the analytics' training window in their last run, from which they judged
   * events, or null when they judged none.
   */
  private static java.time.Instant judgedFrom(BehaviouralAnalytics analytics) {
    AnalyticsSummary summary = analytics.lastSummary();
    return summary == null ? null : summary.trainingEnd();
  }

  /** The maximum number of unreadable inputs that the error names. */
  private static final int MAX_UNREADABLE_NAMED = 5;

  /**
   * Prints how many inputs could not be read and names the first {@link #MAX_UNREADABLE_NAMED} with
   * their reasons, so that every output format says which failed.
   */
  private void printUnreadable(HuntResult result, long unreadable) {
    java.io.PrintWriter err = spec.commandLine().getErr();
    err.printf(
        "skywarden: error: %d %s could not be read%n",
        unreadable, unreadable == 1 ? "input" : "inputs");
    int named = 0;
    for (InputStatistics input : result.inputs()) {
      for (SkippedRecord sample : input.samples()) {
        if (sample.reason() == SkipReason.READ_ERROR && named < MAX_UNREADABLE_NAMED) {
          err.printf("skywarden:   %s%n", sample.message());
          named++;
        }
      }
    }
    if (named < unreadable) {
      err.printf(
          "skywarden:   and %d more (each input keeps the names of its first %d skips)%n",
          unreadable - named, InputStatistics.MAX_SAMPLES);
    }
  }

  /**
   * Returns the exit code: 1 when an input could not be read, else 3 when a finding reaches {@code
   * --fail-on}, else 4 when {@code --strict} and a record was skipped as a problem, the {@code
   * --state} file was damaged, or a behavioural finding was dropped because its input changed
   * before its event could be read again, else 0.
   */
  private int exitCode(HuntResult result, Severity failThreshold, BehaviouralAnalytics analytics) {
    long unreadable = result.total().skipped(SkipReason.READ_ERROR);
    if (unreadable > 0) {
      printUnreadable(result, unreadable);
      return ExitCodes.RUNTIME_ERROR;
    }
    if (failThreshold != null) {
      for (Finding finding : result.findings()) {
        if (finding.severity().compareTo(failThreshold) >= 0) {
          return ExitCodes.FINDINGS_AT_SEVERITY;
        }
      }
    }
    long problems = result.total().skippedProblems();
    if (strict && problems > 0) {
      spec.commandLine()
          .getErr()
          .printf(
              "skywarden: --strict: %d of %s skipped (see the statistics for reasons)%n",
              problems, Plurals.count(result.total().records(), "record"));
      return ExitCodes.SKIPPED_RECORDS;
    }
    if (strict && analyticsOptions.stateDamaged()) {
      spec.commandLine()
          .getErr()
          .println("skywarden: --strict: the --state file was damaged and skipped");
      return ExitCodes.SKIPPED_RECORDS;
    }
    // NOTE: no command-line test changes an input during a hunt; EvidenceRereadTest covers the
    // count.
    AnalyticsSummary summary = analytics == null ? null : analytics.lastSummary();
    long lost = summary == null ? 0 : summary.hitsWithoutEvidence();
    if (strict && lost > 0) {
      spec.commandLine()
          .getErr()
          .printf(
              "skywarden: --strict: %d behavioural %s not reported because an input changed or"
                  + " vanished during the hunt (see the warnings)%n",
              lost, lost == 1 ? "finding was" : "findings were");
      return ExitCodes.SKIPPED_RECORDS;
    }
    return ExitCodes.OK;
  }
}
