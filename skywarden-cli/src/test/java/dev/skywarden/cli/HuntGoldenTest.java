package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares the table of {@code skywarden hunt --color never examples/} with a golden file, byte for
 * byte. The table contains no run time and no absolute path, so it is the same on every run, thread
 * count and checkout.
 *
 * <p>To regenerate the golden file after an intended change of the output or of {@code examples/},
 * run from the repository root:
 *
 * <pre>
 * mvn -B -o install -DskipTests
 * mvn -B -o -pl skywarden-cli test -Dtest=HuntGoldenTest -Dskywarden.updateGolden=true
 * </pre>
 *
 * <p>With {@code skywarden.updateGolden=true} the test rewrites the file and then fails, so that a
 * regenerating run is never mistaken for a passing one. Review the diff with {@code git diff} and
 * run the test again without the property.
 */
class HuntGoldenTest {

  /** The golden file, relative to the repository root. */
  static final Path GOLDEN = Path.of("skywarden-cli/src/test/resources/golden/hunt-examples.txt");

  private static final String UPDATE_PROPERTY = "skywarden.updateGolden";

  /** Returns the golden table. */
  static String golden() throws IOException {
    Cli.requireRepositoryRoot();
    return Files.readString(GOLDEN, StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "--threads {0}")
  @ValueSource(ints = {1, 4})
  void huntExamples_matchesGoldenFile(int threads) throws IOException {
    Cli.Result result =
        Cli.run("hunt", "--color", "never", "--threads", Integer.toString(threads), Cli.EXAMPLES);

    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      assertThat(result.exitCode()).as(result.toString()).isZero();
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, result.out(), StandardCharsets.UTF_8);
      fail(
          "rewrote %s because %s=true; review it and run again without the property",
          GOLDEN.toAbsolutePath(), UPDATE_PROPERTY);
    }

    String expected = golden();
    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isZero();
          softly.assertThat(result.err()).as("standard error").isEmpty();
          softly.assertThat(result.out()).as("standard output").isEqualTo(expected);
        });
  }
}
