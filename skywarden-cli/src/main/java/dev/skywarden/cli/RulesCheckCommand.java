package dev.skywarden.cli;

import dev.skywarden.core.sigma.SigmaRuleException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code skywarden rules check}: validates Sigma rule files and prints every rejected document and
 * every warning with its {@code file:line:column}.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Validates Sigma rules and filters and prints each problem as file:line:column: reason,"
          + " then a summary.",
      "Each rejected document is reported once, at its first problem. Warnings (filters naming"
          + " rules that are not loaded, rule ids used twice) do not fail the check. Filters may"
          + " name built-in rules unless --no-builtin is given."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every rule, filter and correlation rule is valid",
      "1:at least one document is invalid",
      "2:usage error, such as a path not found"
    })
final class RulesCheckCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "Rule files, or directories searched recursively for .yml and .yaml files.")
  List<Path> paths;

  @Option(
      names = "--no-builtin",
      description = "Resolve filter references without the built-in rule pack.")
  boolean noBuiltin;

  @Mixin SigmaConfigOptions engine;

  @Override
  public Integer call() throws IOException {
    LoadedRules loaded;
    try {
      loaded = LoadedRules.load(engine.toConfig(), !noBuiltin, paths);
    } catch (NoSuchFileException e) {
      throw new ParameterException(spec.commandLine(), "path not found: " + e.getFile());
    }

    PrintWriter out = spec.commandLine().getOut();
    for (Path path : loaded.emptyPaths()) {
      out.println(path + ": warning: no rule file (.yml, .yaml) here");
    }
    for (SigmaRuleException error : loaded.errors()) {
      out.println(error.getMessage());
    }
    List<SigmaRuleException> warnings = loaded.warnings();
    for (SigmaRuleException warning : warnings) {
      out.println(warning.location() + ": warning: " + warning.reason());
    }

    int valid =
        loaded.user().rules().size()
            + loaded.user().filters().size()
            + loaded.resolvedUserCorrelations();
    int invalid = loaded.errors().size();
    out.printf(
        "checked %d %s: %d valid, %d invalid, %d %s%n",
        loaded.files().size(),
        loaded.files().size() == 1 ? "file" : "files",
        valid,
        invalid,
        warnings.size() + loaded.emptyPaths().size(),
        warnings.size() + loaded.emptyPaths().size() == 1 ? "warning" : "warnings");
    out.flush();
    return invalid == 0 ? ExitCodes.OK : ExitCodes.RULES_FAILED;
  }
}
