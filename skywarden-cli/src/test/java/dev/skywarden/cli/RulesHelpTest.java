package dev.skywarden.cli;

import static org.assertj.core.api.SoftAssertions.assertSoftly;

import org.junit.jupiter.api.Test;

/** Checks the help and usage errors of {@code skywarden rules}. */
class RulesHelpTest {

  @Test
  void rulesHelp_listsSubcommands() {
    Cli.Result result = Cli.run("rules", "--help");

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly.assertThat(result.err()).as("standard error").isEmpty();
          softly
              .assertThat(result.out().lines().map(String::strip))
              .as("subcommands")
              .anySatisfy(line -> softly.assertThat(line).startsWith("check "))
              .anySatisfy(line -> softly.assertThat(line).startsWith("test "))
              .anySatisfy(line -> softly.assertThat(line).startsWith("list "));
        });
  }

  @Test
  void checkHelp_listsExitCodes() {
    Cli.Result result = Cli.run("rules", "check", "--help");

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly
              .assertThat(result.out().lines().map(String::strip))
              .as("exit codes")
              .contains(
                  "0   every rule, filter and correlation rule is valid",
                  "1   at least one document is invalid",
                  "2   usage error, such as a path not found");
        });
  }

  @Test
  void noSubcommand_usageError() {
    Cli.Result result = Cli.run("rules");

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.USAGE_ERROR);
          softly.assertThat(result.out()).as("standard output").isEmpty();
          softly
              .assertThat(result.err())
              .as("standard error")
              .startsWith(
                  "skywarden: error: missing subcommand: try 'skywarden rules check PATH',"
                      + " 'skywarden rules test' or 'skywarden rules list'");
        });
  }
}
