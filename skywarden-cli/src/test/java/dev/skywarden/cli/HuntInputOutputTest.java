package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks {@code --output FILE} and reading standard input through the path {@code -}. */
class HuntInputOutputTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final String GCP_LOG = "examples/gcp/cloudaudit-2026-11-30.jsonl";

  private static final String AWS_LOG_FOLDER =
      "examples/aws/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/30/";

  private static final String AWS_PLAIN_LOG =
      AWS_LOG_FOLDER + "111122223333_CloudTrail_us-east-1_20261130T1045Z_pL2mQ8sD4fG6hJ0k.json";

  private static final String AWS_GZIP_LOG =
      AWS_LOG_FOLDER + "111122223333_CloudTrail_us-east-1_20261130T1105Z_Zx9Cv7Bn5Mq3Wr1T.json.gz";

  @TempDir Path temp;

  @Test
  void output_writesFileAndCreatesDirectories() throws IOException {
    Path file = temp.resolve("reports/2026/findings.jsonl");

    Cli.Result toFile =
        Cli.run("hunt", "--format", "jsonl", "--output", file.toString(), Cli.EXAMPLES);
    Cli.Result toStdout = Cli.run("hunt", "--format", "jsonl", Cli.EXAMPLES);

    assertSoftly(
        softly -> {
          softly.assertThat(toFile.exitCode()).as("exit code").isZero();
          softly.assertThat(toFile.out()).as("standard output").isEmpty();
          softly
              .assertThat(toFile.err())
              .as("standard error: one statistics line")
              .isEqualTo(HuntFormatTest.EXAMPLES_STATISTICS);
          softly.assertThat(file).as("output file").isRegularFile();
        });
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .as("file content equals the findings printed to standard output")
        .isNotBlank()
        .isEqualTo(toStdout.out());
  }

  @Test
  void output_tableWithoutColourEqualsGolden() throws IOException {
    Path file = temp.resolve("table.txt");

    Cli.Result result = Cli.run("hunt", "--color", "auto", "-o", file.toString(), Cli.EXAMPLES);

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isZero();
          softly.assertThat(result.out()).as("standard output").isEmpty();
          softly
              .assertThat(result.err())
              .as("standard error: one statistics line")
              .isEqualTo(HuntFormatTest.EXAMPLES_STATISTICS);
        });
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .as("a table written to a file has no colour")
        .isEqualTo(HuntGoldenTest.golden());
  }

  @Test
  void output_quietPrintsNoStatistics() throws IOException {
    Path file = temp.resolve("findings.jsonl");

    Cli.Result result = Cli.run("hunt", "-q", "-f", "jsonl", "-o", file.toString(), Cli.EXAMPLES);

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isZero();
          softly.assertThat(result.out()).as("standard output").isEmpty();
          softly.assertThat(result.err()).as("standard error").isEmpty();
          softly.assertThat(file).as("output file").isNotEmptyFile();
        });
  }

  @Test
  void standardInput_jsonLinesGiveSameFindings() throws IOException {
    Cli.Result fromFile = Cli.run("hunt", "--format", "jsonl", GCP_LOG);
    Cli.Result fromStdin;
    try (InputStream in = Files.newInputStream(Path.of(GCP_LOG))) {
      fromStdin = Cli.run(in, "hunt", "--format", "jsonl", "-");
    }

    assertSoftly(
        softly -> {
          softly.assertThat(fromStdin.exitCode()).as("exit code").isZero();
          softly
              .assertThat(fromStdin.err())
              .as("statistics line")
              .isEqualTo(fromFile.err())
              .startsWith("skywarden: 1 file, ");
        });
    assertThat(ids(fromStdin.out())).as("finding ids").isNotEmpty().isEqualTo(ids(fromFile.out()));
    assertThat(evidenceFiles(fromStdin.out())).as("evidence files").containsOnly("-");
  }

  @Test
  void standardInput_gzipDetectedByContent() throws IOException {
    Cli.Result fromFile = Cli.run("hunt", "--format", "jsonl", AWS_GZIP_LOG);
    Cli.Result fromStdin;
    try (InputStream in = Files.newInputStream(Path.of(AWS_GZIP_LOG))) {
      fromStdin = Cli.run(in, "hunt", "--format", "jsonl", "-");
    }

    assertSoftly(
        softly -> {
          softly.assertThat(fromStdin.exitCode()).as("exit code").isZero();
          softly.assertThat(fromStdin.err()).as("statistics line").isEqualTo(fromFile.err());
        });
    assertThat(ids(fromStdin.out())).as("finding ids").isNotEmpty().isEqualTo(ids(fromFile.out()));
  }

  @Test
  void standardInput_mixedWithFiles() throws IOException {
    Cli.Result files = Cli.run("hunt", "--format", "jsonl", GCP_LOG, AWS_PLAIN_LOG);
    Cli.Result mixed;
    try (InputStream in = Files.newInputStream(Path.of(GCP_LOG))) {
      mixed = Cli.run(in, "hunt", "--format", "jsonl", "-", AWS_PLAIN_LOG);
    }

    assertSoftly(
        softly -> {
          softly.assertThat(mixed.exitCode()).as("exit code").isZero();
          softly
              .assertThat(mixed.err())
              .as("statistics line")
              .isEqualTo(files.err())
              .startsWith("skywarden: 2 files, ");
        });
    assertThat(ids(mixed.out())).as("finding ids").isNotEmpty().isEqualTo(ids(files.out()));
  }

  private static List<String> ids(String jsonLines) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String line : jsonLines.lines().toList()) {
      ids.add(MAPPER.readTree(line).get("id").asText());
    }
    return ids;
  }

  private static List<String> evidenceFiles(String jsonLines) throws IOException {
    List<String> files = new ArrayList<>();
    for (String line : jsonLines.lines().toList()) {
      for (JsonNode evidence : MAPPER.readTree(line).get("evidence")) {
        files.add(evidence.get("file").asText());
      }
    }
    return files;
  }
}
