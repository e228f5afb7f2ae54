package dev.skywarden.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception that escapes a subcommand into a one-line message on standard error and exit
 * code 1. The stack trace goes to the debug log ({@code -v -v} shows it).
 */
final class RuntimeErrorHandler implements IExecutionExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(RuntimeErrorHandler.class);

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    String message = exception.getMessage() == null ? exception.toString() : exception.getMessage();
    commandLine.getErr().println("skywarden: error: " + message);
    log.debug("command failed", exception);
    return ExitCodes.RUNTIME_ERROR;
  }
}
