package dev.skywarden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.analytics.AnalyticsCoverage;
import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.mappings.ControlCoverage;
import dev.skywarden.core.mappings.ControlEvidence;
import dev.skywarden.core.mappings.CoverageSource;
import dev.skywarden.core.mappings.Detection;
import dev.skywarden.core.mappings.Detection.DetectionKind;
import dev.skywarden.core.mappings.MappingCatalog;
import dev.skywarden.core.mappings.PostureCheck;
import dev.skywarden.core.mappings.SigmaRuleIndex;
import dev.skywarden.core.posture.CheckCatalog;
import dev.skywarden.core.report.NavigatorLayer;
import dev.skywarden.core.sigma.SigmaCorrelationRule;
import dev.skywarden.core.sigma.SigmaLevel;
import dev.skywarden.core.sigma.SigmaRule;
import dev.skywarden.core.sigma.SigmaRuleException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code skywarden coverage}: the ATT&CK techniques the loaded rules can detect as an ATT&CK
 * Navigator layer, or with {@code --controls} the controls and vendor capabilities mapped to those
 * techniques and the ones the posture checks evidence.
 */
@Command(
    name = "coverage",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Writes an ATT&CK Navigator layer (format 4.5) of the techniques the loaded rules can"
          + " detect, scored by how many rules tag each and how strong they are.",
      "With --controls, prints the NIST SP 800-53 r5 controls, CSF 2.0 statements and vendor"
          + " capabilities mapped to techniques the loaded rules detect (a mapping, not proof"
          + " that a control is in place), the ones a posture check evidences, and the controls"
          + " mapped to T1059.009 that no posture check evidences."
    })
final class CoverageCommand implements Callable<Integer> {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The frameworks whose unevidenced controls are listed: NIST SP 800-53 r5 and CSF 2.0. */
  private static final List<String> GAP_FRAMEWORKS = List.of("nist_800_53_r5", "cri_profile");

  private static final Pattern TECHNIQUE_TAG =
      Pattern.compile("attack\\.(t\\d{4}(?:\\.\\d{3})?)", Pattern.CASE_INSENSITIVE);

  @Spec CommandSpec spec;

  @Mixin SigmaConfigOptions engine;

  @Option(
      names = "--rules",
      paramLabel = "PATH",
      description =
          "Also read Sigma rules from PATH, a file or a folder searched recursively; repeat for"
              + " more.")
  List<Path> rules = new ArrayList<>();

  @Option(
      names = "--controls",
      description =
          "Print the controls and capabilities mapped to detected techniques or evidenced by"
              + " posture checks instead of a layer.")
  boolean controls;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of standard output.")
  Path output;

  @Override
  public Integer call() throws IOException {
    List<CoverageSource> sources = coverageSources();
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      write(sources, out);
      out.flush();
      return ExitCodes.OK;
    }
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (Writer out =
        new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8)) {
      write(sources, out);
    } catch (IOException e) {
      throw new IOException("failed to write --output " + output + ": " + e.getMessage(), e);
    }
    return ExitCodes.OK;
  }

  private void write(List<CoverageSource> sources, Writer out) throws IOException {
    if (controls) {
      writeControls(ControlEvidence.of(MappingCatalog.bundled(), sources), new PrintWriter(out));
    } else {
      out.write(MAPPER.writeValueAsString(layer(sources)));
      out.write(System.lineSeparator());
    }
    out.flush();
  }

  private static ObjectNode layer(List<CoverageSource> sources) {
    List<NavigatorLayer.RuleCoverage> coverage = new ArrayList<>();
    for (CoverageSource source : sources) {
      for (Detection detection : source.detections()) {
        Severity level = null;
        if (detection.level() != null) {
          level = Severity.parse(detection.level());
        }
        coverage.add(
            new NavigatorLayer.RuleCoverage(
                detection.id(), detection.title(), level, detection.techniqueIds()));
      }
    }
    return new NavigatorLayer(ControlCatalog.bundled()).coverage(coverage, "Skywarden coverage");
  }

  private static void writeControls(ControlEvidence evidence, PrintWriter out) {
    out.printf(
        "Mapped to techniques the loaded rules detect (%d detections), or evidenced by a"
            + " posture check (%d checks)%n",
        evidence.detectionCount(), evidence.checkCount());
    out.println(
        "A detection shows that a technique can be detected, not that a control mapped to it"
            + " is in place. Only a posture check evidences a control.");
    String framework = null;
    for (ControlEvidence.Row row : evidence.rows()) {
      if (!row.framework().key().equals(framework)) {
        framework = row.framework().key();
        out.printf("%n%s (%s)%n", row.framework().label(), framework);
      }
      List<String> parts = new ArrayList<>();
      if (!row.checks().isEmpty()) {
        parts.add("evidenced by posture checks " + String.join(", ", row.checks()));
      }
      if (!row.techniques().isEmpty()) {
        parts.add(
            "mapped to "
                + String.join(", ", row.techniques())
                + " ("
                + plural(row.detections().size(), "detection")
                + ")");
      }
      out.printf(
          "  %-16s %-48s %s%n",
          row.capability().id(), cut(row.capability().name(), 48), String.join("; ", parts));
    }

    List<ControlCoverage> gaps =
        evidence.gaps().unevidencedControls().stream()
            .filter(gap -> GAP_FRAMEWORKS.contains(gap.framework().key()))
            .toList();
    out.printf(
        "%nControls mapped to %s that no posture check evidences (%d)%n",
        ControlEvidence.GAP_TECHNIQUE, gaps.size());
    if (evidence.checkCount() == 0) {
      out.println("  (no posture checks are loaded, so every mapped control is listed)");
    }
    for (ControlCoverage gap : gaps) {
      out.printf(
          "  %-16s %-16s %s%n",
          gap.framework().key(), gap.control().id(), cut(gap.control().name(), 60));
    }
    out.flush();
  }

  /**
   * Returns the built-in rules, the rules of {@code --rules} and the posture checks. The user's
   * rules go through the same parser as {@code hunt}, so a rule counts only when a hunt would load
   * it; each rejected document is printed on standard error as {@code file:line:column: reason},
   * with rule ids used twice and a summary line. A rule id counts once, the first rule with it wins
   * (built-in rules first, then the user's in path order).
   */
  private List<CoverageSource> coverageSources() throws IOException {
    List<CoverageSource> sources = new ArrayList<>();
    SigmaRuleIndex builtin = SigmaRuleIndex.builtin();
    sources.add(builtin);
    if (!rules.isEmpty()) {
      Set<String> seenIds = new HashSet<>();
      builtin.detections().forEach(detection -> seenIds.add(detection.id()));
      sources.add(new LoadedRuleSource(userDetections(loadUserRules(), seenIds)));
    }
    sources.add(AnalyticsCoverage.bundled());
    sources.add(CheckCatalog.bundled());
    return sources;
  }

  private LoadedRules loadUserRules() throws IOException {
    LoadedRules loaded;
    try {
      loaded = LoadedRules.load(engine.toConfig(), true, rules);
    } catch (NoSuchFileException e) {
      throw new ParameterException(spec.commandLine(), "--rules: path not found: " + e.getFile());
    }

    PrintWriter err = spec.commandLine().getErr();
    for (Path path : loaded.emptyPaths()) {
      err.println("skywarden: warning: --rules: no rule file (.yml, .yaml) under " + path);
    }
    for (SigmaRuleException error : loaded.errors()) {
      err.println("skywarden: " + error.getMessage());
    }
    for (SigmaRuleException warning : loaded.warnings()) {
      err.println("skywarden: warning: " + warning.getMessage());
    }
    err.println("skywarden: " + loaded.summary());
    err.flush();
    return loaded;
  }

  /** Returns the user's rules and correlations as detections, leaving out ids already seen. */
  private static List<Detection> userDetections(LoadedRules loaded, Set<String> seenIds) {
    List<Detection> detections = new ArrayList<>();
    for (SigmaRule rule : loaded.user().rules()) {
      addOnce(
          detections,
          seenIds,
          rule.id(),
          rule.title(),
          rule.level(),
          rule.attackTechniques(),
          rule.location().file());
    }
    for (SigmaCorrelationRule correlation : loaded.user().correlations()) {
      List<String> techniques = new ArrayList<>();
      for (String tag : correlation.tags()) {
        Matcher match = TECHNIQUE_TAG.matcher(tag);
        if (match.matches()) {
          techniques.add(match.group(1).toUpperCase(Locale.ROOT));
        }
      }
      addOnce(
          detections,
          seenIds,
          correlation.id(),
          correlation.title(),
          correlation.level(),
          techniques,
          correlation.location().file());
    }
    return detections;
  }

  private static void addOnce(
      List<Detection> detections,
      Set<String> seenIds,
      String id,
      String title,
      SigmaLevel level,
      List<String> techniques,
      String origin) {
    // A rule without an id cannot be told apart from another, so each one counts.
    if (id != null && !seenIds.add(id)) {
      return;
    }
    detections.add(
        new Detection(
            DetectionKind.LOADED_RULE,
            id == null ? "" : id,
            title,
            level == null ? null : level.toString(),
            techniques,
            origin));
  }

  /** The user's rules as a coverage source. */
  private record LoadedRuleSource(List<Detection> detections) implements CoverageSource {

    @Override
    public String name() {
      return "loaded Sigma rules";
    }

    @Override
    public List<PostureCheck> checks() {
      return List.of();
    }
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  private static String cut(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "…";
  }
}
