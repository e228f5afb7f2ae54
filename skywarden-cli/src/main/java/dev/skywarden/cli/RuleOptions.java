package dev.skywarden.cli;

import dev.skywarden.core.detect.SigmaDetector;
import dev.skywarden.core.detect.correlation.CorrelationLimits;
import dev.skywarden.core.sigma.SigmaRuleException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The rule options of {@code hunt}: Sigma rules from the user's paths next to the built-in pack,
 * {@code --no-builtin}, and the engine settings of {@link SigmaConfigOptions}. A picocli mixin.
 *
 * <p>Rules that fail to load are reported on standard error with {@code file:line:column: reason}
 * (the first {@value #ERRORS_SHOWN}, or all with {@code -v} or {@code --strict}) and a summary
 * line, and the hunt goes on with the rules that loaded. Under {@code --strict} the hunt does not
 * start instead.
 */
final class RuleOptions {

  /** How many rule errors a hunt prints without {@code -v}. */
  static final int ERRORS_SHOWN = 5;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--rules",
      paramLabel = "PATH",
      description =
          "Also load Sigma rules and filters from PATH, a rule file or a directory searched"
              + " recursively for .yml and .yaml files (test files *.tests.yml are skipped);"
              + " repeat for more.")
  List<Path> rulePaths = new ArrayList<>();

  @Option(names = "--no-builtin", description = "Leave out the built-in rule pack.")
  boolean noBuiltin;

  @Mixin SigmaConfigOptions engine;

  /**
   * Loads the rules and reports problems on standard error.
   *
   * @param strict whether a rule that fails to load stops the run
   * @param verbose whether to print every rule error instead of the first few
   * @param quiet whether to leave out the summary line when every rule loaded
   * @return the detector over the rules that loaded, or empty when {@code strict} is set and a rule
   *     failed to load; the caller then exits with {@link ExitCodes#USAGE_ERROR}
   * @throws ParameterException when a path or configuration file is missing or invalid
   * @throws IOException when a rule file cannot be read
   */
  Optional<SigmaDetector> loadDetector(boolean strict, boolean verbose, boolean quiet)
      throws IOException {
    if (noBuiltin && rulePaths.isEmpty()) {
      throw new ParameterException(
          mixee.commandLine(), "--no-builtin leaves no rule: give --rules PATH as well");
    }

    LoadedRules loaded;
    try {
      loaded = LoadedRules.load(engine.toConfig(), !noBuiltin, rulePaths);
    } catch (NoSuchFileException e) {
      throw new ParameterException(mixee.commandLine(), "--rules: path not found: " + e.getFile());
    }

    PrintWriter err = mixee.commandLine().getErr();
    for (Path path : loaded.emptyPaths()) {
      err.println("skywarden: warning: --rules: no rule file (.yml, .yaml) under " + path);
    }
    List<SigmaRuleException> errors = loaded.errors();
    int shown = verbose || strict ? errors.size() : Math.min(errors.size(), ERRORS_SHOWN);
    for (SigmaRuleException error : errors.subList(0, shown)) {
      err.println("skywarden: " + error.getMessage());
    }
    for (SigmaRuleException warning : loaded.warnings()) {
      err.println("skywarden: warning: " + warning.getMessage());
    }

    if (strict && !errors.isEmpty()) {
      err.printf(
          "skywarden: --strict: %d %s not loaded; fix %s or leave out --strict%n",
          errors.size(), errors.size() == 1 ? "rule" : "rules", errors.size() == 1 ? "it" : "them");
      err.flush();
      return Optional.empty();
    }
    if (!errors.isEmpty()) {
      String more = shown < errors.size() ? ": see --verbose)" : ")";
      err.println("skywarden: " + loaded.summary().replaceFirst("\\)$", more));
    } else if (!rulePaths.isEmpty() && !quiet) {
      err.println("skywarden: " + loaded.summary());
    }
    err.flush();
    return Optional.of(
        new SigmaDetector(loaded.ruleSet(), loaded.correlations(), CorrelationLimits.DEFAULTS));
  }
}
