package dev.skywarden.cli;

import picocli.CommandLine;

/** Entry point of the {@code skywarden} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code; tests call this instead of {@link #main}. */
  public static int run(String... args) {
    return newCommandLine().execute(args);
  }

  /** Builds the picocli command tree with Skywarden's exit-code and error handling. */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new SkywardenCommand());
    // A ParameterException thrown by a subcommand's call() is a usage error, like one from parsing.
    commandLine.setExitCodeExceptionMapper(
        exception ->
            exception instanceof CommandLine.ParameterException
                ? ExitCodes.USAGE_ERROR
                : ExitCodes.RUNTIME_ERROR);
    commandLine.setExecutionExceptionHandler(new RuntimeErrorHandler());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }
}
