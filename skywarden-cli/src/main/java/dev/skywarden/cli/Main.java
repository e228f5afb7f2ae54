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
    commandLine.setExitCodeExceptionMapper(exception -> ExitCodes.RUNTIME_ERROR);
    commandLine.setExecutionExceptionHandler(new RuntimeErrorHandler());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }
}
