package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Runs the {@code skywarden} command in-process, the way {@link Main#main} does, and captures what
 * it prints.
 *
 * <p>Surefire runs these tests with the repository root as working directory (see the pom), so
 * paths such as {@code examples/} are given exactly as in the README and appear in the output the
 * same way on every checkout.
 */
final class Cli {

  /** The example logs, relative to the repository root. */
  static final String EXAMPLES = "examples/";

  /** What one run of the command produced. */
  record Result(int exitCode, String out, String err) {

    /** Returns every part, so that a failed assertion shows the whole run. */
    @Override
    public String toString() {
      return "exit code "
          + exitCode
          + "\n--- standard output ---\n"
          + out
          + "--- standard error ---\n"
          + err;
    }
  }

  private Cli() {}

  /** Runs the command with an empty standard input. */
  static Result run(String... args) {
    return run(new ByteArrayInputStream(new byte[0]), args);
  }

  /** Runs the command with {@code standardInput} behind the path {@code -}. */
  static Result run(InputStream standardInput, String... args) {
    requireRepositoryRoot();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.newCommandLine(standardInput);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));

    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** Fails when the working directory is not the repository root, with the reason. */
  static void requireRepositoryRoot() {
    Path workingDirectory = Path.of("").toAbsolutePath();
    assertThat(Files.isDirectory(Path.of(EXAMPLES)) && Files.isDirectory(Path.of("skywarden-cli")))
        .as(
            "the CLI tests must run in the repository root (surefire's workingDirectory in"
                + " skywarden-cli/pom.xml), but the working directory is %s",
            workingDirectory)
        .isTrue();
  }
}
