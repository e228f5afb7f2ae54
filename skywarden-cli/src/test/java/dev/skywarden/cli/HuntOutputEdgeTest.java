package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Edge cases of where findings go and which exit code unreadable or benign input gives. */
class HuntOutputEdgeTest {

  private static final String EVENT =
      "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-30T10:00:00Z\","
          + "\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"StopLogging\","
          + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.9\","
          + "\"userAgent\":\"aws-cli/2.15.0\",\"eventID\":\"e-1\",\"readOnly\":false,"
          + "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/a\","
          + "\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIAEXAMPLE\"},"
          + "\"recipientAccountId\":\"111122223333\"}\n";

  @TempDir Path temp;

  @Test
  void standardOutputWriteFailure_runtimeError() {
    CommandLine commandLine = Main.newCommandLine();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(new FailingWriter()));
    commandLine.setErr(new PrintWriter(err, true));

    int exitCode = commandLine.execute("hunt", "--format", "jsonl", Cli.EXAMPLES);

    assertThat(exitCode).isEqualTo(ExitCodes.RUNTIME_ERROR);
    assertThat(err.toString())
        .contains("skywarden: error: failed to write the findings to standard output");
  }

  @Test
  void outputDash_writesToStandardOutput() {
    Cli.Result result = Cli.run("hunt", "--format", "jsonl", "--output", "-", Cli.EXAMPLES);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(result.out().lines()).isNotEmpty().allMatch(line -> line.startsWith("{\"id\":"));
    assertThat(Path.of("-")).doesNotExist();
  }

  @Test
  void emptyOutput_usageError() {
    Cli.Result result = Cli.run("hunt", "--output", "", Cli.EXAMPLES);

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_ERROR);
          softly
              .assertThat(result.err())
              .startsWith("skywarden: error: --output: the file name is empty");
        });
  }

  @Test
  void outputSameAsInput_usageErrorAndInputKept() throws IOException {
    Path input = Files.writeString(temp.resolve("in.jsonl"), EVENT, StandardCharsets.UTF_8);

    Cli.Result result = Cli.run("hunt", "--output", input.toString(), temp.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_ERROR);
          softly.assertThat(result.err()).contains("is also an input; choose another file");
        });
    assertThat(Files.readString(input, StandardCharsets.UTF_8)).isEqualTo(EVENT);
  }

  @Test
  void unreadableInput_runtimeErrorAfterReport() throws IOException {
    Files.writeString(temp.resolve("good.jsonl"), EVENT, StandardCharsets.UTF_8);
    Files.createSymbolicLink(temp.resolve("dangling.json"), temp.resolve("missing-target.json"));

    Cli.Result result = Cli.run("hunt", "--format", "jsonl", temp.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).isEqualTo(ExitCodes.RUNTIME_ERROR);
          softly.assertThat(result.out().lines()).as("findings of the readable file").hasSize(1);
          softly.assertThat(result.err()).contains("skywarden: error: 1 input could not be read");
          softly
              .assertThat(result.err())
              .as("the error names the unreadable input in every format")
              .contains("dangling.json")
              .contains("broken symbolic link");
        });
  }

  @Test
  void strictWithOnlyDigestSkipped_exits0() throws IOException {
    Files.writeString(temp.resolve("trail.jsonl"), EVENT, StandardCharsets.UTF_8);
    Files.writeString(
        temp.resolve("digest.json"),
        "{\"awsAccountId\":\"111122223333\",\"digestStartTime\":\"2026-11-30T09:00:00Z\","
            + "\"digestEndTime\":\"2026-11-30T10:00:00Z\",\"logFiles\":[]}",
        StandardCharsets.UTF_8);

    Cli.Result result = Cli.run("hunt", "--strict", "--format", "jsonl", temp.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
          softly.assertThat(result.err()).contains("2 records, 1 event, 1 skipped");
          softly.assertThat(result.err()).doesNotContain("--strict");
        });
  }

  /** A writer whose every write fails, like standard output redirected to a full disk. */
  private static final class FailingWriter extends Writer {
    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
      throw new IOException("No space left on device");
    }

    @Override
    public void flush() throws IOException {
      throw new IOException("No space left on device");
    }

    @Override
    public void close() {}
  }
}
