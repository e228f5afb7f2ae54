package dev.skywarden.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code skywarden rules}: checks, tests and lists Sigma rules; the work is in its subcommands. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Checks, tests and lists Sigma rules: the built-in pack and your own.",
    subcommands = {RulesCheckCommand.class, RulesTestCommand.class, RulesListCommand.class})
final class RulesCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "missing subcommand: try 'skywarden rules check PATH', 'skywarden rules test' or"
            + " 'skywarden rules list'");
  }
}
