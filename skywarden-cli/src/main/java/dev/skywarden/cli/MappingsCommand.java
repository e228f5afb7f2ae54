package dev.skywarden.cli;

import dev.skywarden.core.analytics.AnalyticsCoverage;
import dev.skywarden.core.mappings.CoverageSource;
import dev.skywarden.core.mappings.Framework;
import dev.skywarden.core.mappings.MappingCatalog;
import dev.skywarden.core.mappings.MappingExplorer;
import dev.skywarden.core.mappings.MappingFile;
import dev.skywarden.core.mappings.MappingFileReader;
import dev.skywarden.core.mappings.MappingImport;
import dev.skywarden.core.mappings.MappingProblem;
import dev.skywarden.core.mappings.MappingViewWriter;
import dev.skywarden.core.mappings.MappingViewWriter.Format;
import dev.skywarden.core.mappings.SigmaRuleIndex;
import dev.skywarden.core.mappings.UnknownIdException;
import dev.skywarden.core.posture.CheckCatalog;
import dev.skywarden.core.report.Plurals;
import java.io.IOException;
import java.io.PrintWriter;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code skywarden mappings}: the Mappings Explorer view of a technique joined with Skywarden's own
 * rules and checks, the techniques of a control, and import of downloaded mapping files.
 */
@Command(
    name = "mappings",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Shows the controls and products that Mappings Explorer maps to an ATT&CK technique,"
          + " beside the rules and checks of Skywarden that cover it.",
      "With --control, shows the techniques a control is mapped to instead.",
      "With --import alone, validates downloaded Mappings Explorer files and exits with code 1"
          + " when a file or record is invalid."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:runtime error, or invalid records in --import files",
      "2:usage error, unknown technique, control or framework"
    })
final class MappingsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "TECHNIQUE",
      description = "ATT&CK technique or sub-technique id, such as T1059.009 or T1059.")
  String technique;

  @Option(
      names = "--control",
      paramLabel = "ID",
      description =
          "Show the techniques a control is mapped to, such as AC-6, AC-06, ac_6, PR.AA-05 or"
              + " PR.AA-05.02.")
  String control;

  @Option(
      names = "--framework",
      paramLabel = "NAME",
      description =
          "Show only this framework; repeat for more. A key such as nist_800_53_r5, cri_profile,"
              + " csa_ccm, veris, aws, azure, gcp or m365, or a label such as 'NIST SP 800-53 r5'.")
  List<String> frameworks = new ArrayList<>();

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      description =
          "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). CSV has one row"
              + " per mapping; JSON also carries the coverage.")
  Format format = Format.TABLE;

  @Option(
      names = "--rules",
      paramLabel = "PATH",
      description =
          "Also read Sigma rules from PATH, a file or a folder searched recursively; repeat for"
              + " more. Their ATT&CK tags join the coverage.")
  List<Path> rules = new ArrayList<>();

  @Option(
      names = "--import",
      paramLabel = "DIR",
      description =
          "Read the Mappings Explorer JSON files in DIR and use them for this run; a file"
              + " replaces the bundled framework of the same name and version scheme.")
  Path importDir;

  @Override
  public Integer call() throws IOException {
    if (technique != null && control != null) {
      throw new ParameterException(
          spec.commandLine(), "give either TECHNIQUE or --control ID, not both");
    }
    if (technique == null && control == null && importDir == null) {
      throw new ParameterException(
          spec.commandLine(),
          "missing TECHNIQUE: try 'skywarden mappings T1059.009' or '--control AC-6'");
    }

    MappingCatalog catalog = MappingCatalog.bundled();
    MappingImport imported = null;
    if (importDir != null) {
      imported = importFiles();
      catalog = catalog.withFiles(imported.files());
    }
    if (technique == null && control == null) {
      printImportSummary(imported);
      return imported.problems().isEmpty() ? ExitCodes.OK : ExitCodes.RUNTIME_ERROR;
    }

    MappingExplorer explorer = new MappingExplorer(catalog, coverageSources());
    List<Framework> filter;
    try {
      filter = explorer.frameworks(frameworks);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--framework: " + e.getMessage());
    }

    PrintWriter out = spec.commandLine().getOut();
    MappingViewWriter writer = MappingViewWriter.forFormat(format);
    try {
      if (technique != null) {
        writer.write(explorer.technique(technique, filter), out);
      } else {
        writer.write(explorer.control(control, filter), out);
      }
    } catch (UnknownIdException e) {
      spec.commandLine().getErr().println("skywarden: error: " + e.getMessage());
      return ExitCodes.USAGE_ERROR;
    }
    out.flush();
    return ExitCodes.OK;
  }

  private MappingImport importFiles() throws IOException {
    if (!Files.exists(importDir)) {
      throw new ParameterException(spec.commandLine(), "--import: folder not found: " + importDir);
    }
    if (!Files.isDirectory(importDir)) {
      throw new ParameterException(
          spec.commandLine(),
          "--import: not a folder: " + importDir + " (give the folder of the downloaded files)");
    }
    MappingImport imported = new MappingFileReader().readDirectory(importDir);
    if (imported.files().isEmpty() && imported.problems().isEmpty()) {
      throw new IOException(
          "--import: no Mappings Explorer .json file in "
              + importDir
              + " (subfolders are not searched)");
    }
    PrintWriter err = spec.commandLine().getErr();
    for (MappingProblem problem : imported.problems()) {
      err.println("skywarden: import: " + problem);
    }
    err.printf(
        "skywarden: imported %s from %s: %s read, %d invalid%n",
        Plurals.count(imported.files().size(), "file"),
        importDir,
        Plurals.count(imported.recordsRead(), "record"),
        imported.recordsRejected());
    err.flush();
    return imported;
  }

  private void printImportSummary(MappingImport imported) {
    PrintWriter out = spec.commandLine().getOut();
    for (MappingFile file : imported.files()) {
      Framework framework = file.framework();
      out.printf(
          "%s  %s %s  ATT&CK %s  %d mappings  %s%n",
          framework.key(),
          framework.framework(),
          framework.frameworkVersion(),
          framework.attackVersion(),
          file.mappings().size(),
          framework.file());
    }
    out.flush();
  }

  private List<CoverageSource> coverageSources() throws IOException {
    List<CoverageSource> sources = new ArrayList<>();
    sources.add(SigmaRuleIndex.builtin());
    if (!rules.isEmpty()) {
      SigmaRuleIndex loaded;
      try {
        loaded = SigmaRuleIndex.loaded(rules);
      } catch (NoSuchFileException e) {
        throw new ParameterException(spec.commandLine(), "--rules: path not found: " + e.getFile());
      }
      for (String problem : loaded.problems()) {
        spec.commandLine().getErr().println("skywarden: warning: rule not read: " + problem);
      }
      sources.add(loaded);
    }
    sources.add(AnalyticsCoverage.bundled());
    sources.add(CheckCatalog.bundled());
    // TODO: add behavioural detectors here once they exist as CoverageSources.
    return sources;
  }
}
