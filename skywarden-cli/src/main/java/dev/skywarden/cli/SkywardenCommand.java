package dev.skywarden.cli;

import picocli.CommandLine.Command;

/** The top-level {@code skywarden} command; all work happens in its subcommands. */
@Command(
    name = "skywarden",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Hunts abuse of cloud control-plane APIs in AWS, Azure and GCP audit logs.",
    subcommands = {
      HuntCommand.class,
      RulesCommand.class,
      MappingsCommand.class,
      CoverageCommand.class,
      PostureCommand.class,
      GenerateCommand.class,
      ScoreCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:runtime error",
      "2:usage error",
      "3:a finding or failed check at or above --fail-on severity",
      "4:records skipped under --strict",
      "5:an inserted scenario without a finding under score --fail-on-missed"
    })
final class SkywardenCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: try 'skywarden hunt examples/'");
  }
}
