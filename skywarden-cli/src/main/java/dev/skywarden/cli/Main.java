package dev.skywarden.cli;

import java.io.InputStream;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

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

  /**
   * Builds the picocli command tree with Skywarden's exit-code and error handling; {@code hunt -}
   * reads {@link System#in}.
   */
  public static CommandLine newCommandLine() {
    return newCommandLine(System.in);
  }

  /**
   * Builds the command tree with {@code hunt -} and {@code score CORPUS -} reading {@code
   * standardInput}; tests pass their own stream here.
   */
  static CommandLine newCommandLine(InputStream standardInput) {
    CommandLine commandLine = new CommandLine(new SkywardenCommand());
    // Picocli also takes the exit code of an invalid command line from this mapper.
    commandLine.setExitCodeExceptionMapper(
        exception ->
            exception instanceof ParameterException
                ? ExitCodes.USAGE_ERROR
                : ExitCodes.RUNTIME_ERROR);
    commandLine.setExecutionExceptionHandler(new RuntimeErrorHandler());
    commandLine.setParameterExceptionHandler(new UsageErrorHandler());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    HuntCommand hunt = commandLine.getSubcommands().get("hunt").getCommand();
    hunt.standardInput = standardInput;
    ScoreCommand score = commandLine.getSubcommands().get("score").getCommand();
    score.standardInput = standardInput;
    return commandLine;
  }
}
