package dev.skywarden.cli;

import dev.skywarden.core.detect.RuleTestFile;
import dev.skywarden.core.detect.RuleTestResult;
import dev.skywarden.core.detect.RuleTestRunner;
import dev.skywarden.core.sigma.SigmaCorrelationRule;
import dev.skywarden.core.sigma.SigmaParseResult;
import dev.skywarden.core.sigma.SigmaRule;
import dev.skywarden.core.sigma.SigmaRuleException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code skywarden rules test}: runs the {@code match} and {@code nomatch} records of the test
 * files beside rules ({@code <rule>.tests.yml}) through the normaliser and the whole rule set.
 */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs the test records kept beside rules in <rule>.tests.yml files: each 'match' record"
          + " must fire the rule under test and each 'nomatch' record must not.",
      "Prints one line per failing case and a summary 'N passed, M failed'. Without PATH,"
          + " tests the built-in pack. The rules under PATH are tested together with the"
          + " built-in pack unless --no-builtin is given.",
      "A rule that fails to load, and a test file that is invalid, each count as one failed"
          + " case."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every case passed",
      "1:at least one case failed",
      "2:usage error, such as a path not found"
    })
final class RulesTestCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "PATH",
      description =
          "Rule files or directories; the test file beside each rule file is used, and every"
              + " *.tests.yml under a directory.")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--no-builtin",
      description = "Test the rules under PATH without the built-in pack in the rule set.")
  boolean noBuiltin;

  @Option(
      names = {"-v", "--verbose"},
      description = "Also print a line for each case that passed.")
  boolean verbose;

  @Mixin SigmaConfigOptions engine;

  @Override
  public Integer call() throws IOException {
    if (noBuiltin && paths.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "--no-builtin leaves no rule to test: give a PATH as well");
    }
    LoadedRules loaded;
    try {
      loaded = LoadedRules.load(engine.toConfig(), !noBuiltin, paths);
    } catch (NoSuchFileException e) {
      throw new ParameterException(spec.commandLine(), "path not found: " + e.getFile());
    }

    PrintWriter out = spec.commandLine().getOut();
    int failed = 0;
    for (SigmaRuleException error : loaded.errors()) {
      out.println("FAIL " + error.getMessage());
      failed++;
    }

    RuleTestRunner runner = new RuleTestRunner(loaded.ruleSet(), loaded.correlations());
    Set<String> testedRuleIds = new HashSet<>();
    int passed = 0;
    for (TestFileOrError source : testFiles()) {
      if (source.error() != null) {
        out.println("FAIL " + source.error());
        failed++;
        continue;
      }
      testedRuleIds.add(source.file().ruleId());
      for (RuleTestResult result : runner.run(source.file())) {
        if (result.passed()) {
          passed++;
          if (verbose) {
            out.println("PASS " + result.name());
          }
        } else {
          failed++;
          out.println("FAIL " + result.message());
        }
      }
    }

    out.printf("%d passed, %d failed%n", passed, failed);
    out.flush();
    printUntested(loaded.user(), testedRuleIds);
    return failed == 0 ? ExitCodes.OK : ExitCodes.RULES_FAILED;
  }

  /** A test file, or why it could not be read. */
  private record TestFileOrError(RuleTestFile file, String error) {}

  /** Returns the test files of the paths, or of the built-in pack when no path is given. */
  private List<TestFileOrError> testFiles() throws IOException {
    List<TestFileOrError> files = new ArrayList<>();
    if (paths.isEmpty()) {
      for (RuleTestFile file : BuiltinRuleTests.load()) {
        files.add(new TestFileOrError(file, null));
      }
      return files;
    }
    Set<Path> found = new LinkedHashSet<>();
    for (Path path : paths) {
      found.addAll(RuleTestRunner.findTestFiles(path));
    }
    for (Path path : found) {
      try {
        String yaml = Files.readString(path, StandardCharsets.UTF_8);
        files.add(new TestFileOrError(RuleTestFile.parse(path.toString(), yaml), null));
      } catch (IllegalArgumentException e) {
        files.add(new TestFileOrError(null, e.getMessage()));
      } catch (CharacterCodingException e) {
        files.add(new TestFileOrError(null, path + ": file is not UTF-8 text"));
      }
    }
    return files;
  }

  /** Notes on standard error the rules and correlations under the paths no test file names. */
  private void printUntested(SigmaParseResult user, Set<String> testedRuleIds) {
    PrintWriter err = spec.commandLine().getErr();
    for (SigmaRule rule : user.rules()) {
      String id = rule.id() != null ? rule.id() : rule.title();
      if (!testedRuleIds.contains(id)) {
        err.println(
            "skywarden: note: no test file names rule " + id + " (" + rule.location() + ")");
      }
    }
    for (SigmaCorrelationRule correlation : user.correlations()) {
      if (!testedRuleIds.contains(correlation.key())) {
        err.println(
            "skywarden: note: no test file names correlation "
                + correlation.key()
                + " ("
                + correlation.location()
                + ")");
      }
    }
    err.flush();
  }
}
