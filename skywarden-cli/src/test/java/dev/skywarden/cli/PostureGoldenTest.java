package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Compares the table of {@code skywarden posture --as-of 2025-03-02 examples-posture/} with a
 * golden file, byte for byte. With a fixed {@code --as-of} the table contains no clock time and
 * only relative paths, so it is the same on every run and checkout.
 *
 * <p>To regenerate the golden file after an intended change of the output or of {@code
 * examples-posture/}, run from the repository root:
 *
 * <pre>
 * mvn -B -o install -DskipTests
 * mvn -B -o -pl skywarden-cli test -Dtest=PostureGoldenTest -Dskywarden.updateGolden=true
 * </pre>
 *
 * <p>With {@code skywarden.updateGolden=true} the test rewrites the file and then fails, so that a
 * regenerating run is never mistaken for a passing one.
 */
class PostureGoldenTest {

  /** The golden file, relative to the repository root. */
  static final Path GOLDEN =
      Path.of("skywarden-cli/src/test/resources/golden/posture-examples.txt");

  private static final String UPDATE_PROPERTY = "skywarden.updateGolden";

  @Test
  void postureExamples_matchesGoldenFile() throws IOException {
    Cli.requireRepositoryRoot();
    Cli.Result result = Cli.run("posture", "--as-of", "2025-03-02", PostureCommandTest.POSTURE);

    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      assertThat(result.exitCode()).as(result.toString()).isZero();
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, result.out(), StandardCharsets.UTF_8);
      fail(
          "rewrote %s because %s=true; review it and run again without the property",
          GOLDEN.toAbsolutePath(), UPDATE_PROPERTY);
    }

    String expected = Files.readString(GOLDEN, StandardCharsets.UTF_8);
    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isZero();
          softly.assertThat(result.err()).as("standard error").isEmpty();
          softly.assertThat(result.out()).as("standard output").isEqualTo(expected);
        });
  }

  @Test
  void postureExamples_linesFitOneHundredColumns() {
    Cli.Result result = Cli.run("posture", "--as-of", "2025-03-02", PostureCommandTest.POSTURE);

    assertThat(result.out().lines())
        .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
  }
}
