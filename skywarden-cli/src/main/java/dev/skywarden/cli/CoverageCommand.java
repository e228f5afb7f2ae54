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
import dev.skywarden.core.mappings.MappingCatalog;
import dev.skywarden.core.mappings.SigmaRuleIndex;
import dev.skywarden.core.posture.CheckCatalog;
import dev.skywarden.core.report.NavigatorLayer;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

  @Spec CommandSpec spec;

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

  private List<CoverageSource> coverageSources() throws IOException {
    List<CoverageSource> sources = new ArrayList<>();
    sources.add(SigmaRuleIndex.builtin());
    if (!rules.isEmpty()) {
      try {
        sources.add(SigmaRuleIndex.loaded(rules));
      } catch (NoSuchFileException e) {
        throw new ParameterException(spec.commandLine(), "--rules: not found: " + e.getFile());
      }
    }
    sources.add(AnalyticsCoverage.bundled());
    sources.add(CheckCatalog.bundled());
    return sources;
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  private static String cut(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "…";
  }
}
