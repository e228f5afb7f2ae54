package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/** Checks the help and version output and the top-level command without a subcommand. */
class HelpAndVersionTest {

  /** Every option of {@code hunt}, so that an option that disappears fails this test. */
  private static final List<String> HUNT_OPTIONS =
      List.of(
          "--format",
          "--output",
          "--aws-account",
          "--aws-region",
          "--strict",
          "--fail-on",
          "--threads",
          "--color",
          "--posture",
          "--analytics",
          "--state",
          "--state-read-only",
          "--training-window",
          "--ip-ranges",
          "--tor-exits",
          "--geoip",
          "--sequence-window",
          "--verbose",
          "--quiet",
          "--rules",
          "--no-builtin",
          "--placeholders",
          "--field-mapping",
          "--help",
          "--version");

  @Test
  void huntHelp_listsEveryOptionWithDescription() {
    List<OptionSpec> options =
        Main.newCommandLine().getSubcommands().get("hunt").getCommandSpec().options();

    Cli.Result result = Cli.run("hunt", "--help");

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly.assertThat(result.err()).as("standard error").isEmpty();
          softly.assertThat(result.out()).as("usage").startsWith("Usage: skywarden hunt ");
          softly
              .assertThat(options.stream().map(OptionSpec::longestName))
              .as("options of hunt")
              .containsExactlyInAnyOrderElementsOf(HUNT_OPTIONS);
        });
    for (OptionSpec option : options) {
      String description = String.join(" ", option.description());
      assertThat(description).as("description of %s", option.longestName()).isNotBlank();
      assertThat(result.out())
          .as("usage lists %s", option.longestName())
          .contains(option.longestName());
    }
  }

  @Test
  void version_printsVersion() {
    Cli.Result top = Cli.run("--version");
    Cli.Result hunt = Cli.run("hunt", "--version");

    assertSoftly(
        softly -> {
          softly.assertThat(top.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly.assertThat(top.err()).as("standard error").isEmpty();
          softly.assertThat(top.out()).as("version").matches("skywarden \\S+\\R");
          softly.assertThat(hunt.exitCode()).as("exit code of hunt").isEqualTo(ExitCodes.OK);
          softly.assertThat(hunt.out()).as("version of hunt").isEqualTo(top.out());
        });
  }

  @Test
  void noSubcommand_usageErrorWithHint() {
    Cli.Result result = Cli.run();

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.USAGE_ERROR);
          softly.assertThat(result.out()).as("standard output").isEmpty();
          softly
              .assertThat(result.err())
              .as("standard error")
              .startsWith("skywarden: error: missing subcommand: try 'skywarden hunt examples/'")
              .contains("Try 'skywarden --help' for more information.")
              .contains("hunt");
        });
  }

  @Test
  void topLevelHelp_listsExitCodes() {
    Cli.Result result = Cli.run("--help");

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly.assertThat(result.err()).as("standard error").isEmpty();
          softly
              .assertThat(result.out().lines().map(String::strip))
              .as("exit codes in the help")
              .contains(
                  ExitCodes.OK + "   success",
                  ExitCodes.RUNTIME_ERROR + "   runtime error",
                  ExitCodes.USAGE_ERROR + "   usage error",
                  ExitCodes.FINDINGS_AT_SEVERITY
                      + "   a finding or failed check at or above --fail-on severity",
                  ExitCodes.SKIPPED_RECORDS + "   records skipped under --strict");
        });
  }
}
