package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks that findings do not depend on the number of worker threads or on the order of the input
 * paths. JSON Lines output contains findings only, so whole outputs are compared.
 */
class HuntDeterminismTest {

  @Test
  void jsonl_sameForOneAndFourThreads() {
    Cli.Result oneThread = Cli.run("hunt", "--format", "jsonl", "--threads", "1", Cli.EXAMPLES);
    Cli.Result fourThreads = Cli.run("hunt", "--format", "jsonl", "--threads", "4", Cli.EXAMPLES);

    assertSoftly(
        softly -> {
          softly.assertThat(oneThread.exitCode()).as("exit code, 1 thread").isZero();
          softly.assertThat(fourThreads.exitCode()).as("exit code, 4 threads").isZero();
          softly.assertThat(oneThread.out()).as("findings, 1 thread").isNotBlank();
          softly.assertThat(fourThreads.out()).as("findings, 4 threads").isEqualTo(oneThread.out());
          softly.assertThat(fourThreads.err()).as("statistics line").isEqualTo(oneThread.err());
        });
  }

  @Test
  void jsonl_sameForFilesInReverseOrder() throws IOException {
    List<String> files = exampleFiles();
    List<String> reversed = new ArrayList<>(files);
    reversed.sort(Comparator.reverseOrder());
    List<String> args = new ArrayList<>(List.of("hunt", "--format", "jsonl", "--threads", "4"));
    args.addAll(reversed);

    Cli.Result directory = Cli.run("hunt", "--format", "jsonl", "--threads", "1", Cli.EXAMPLES);
    Cli.Result separate = Cli.run(args.toArray(String[]::new));

    assertThat(files).as("example files").hasSizeGreaterThan(1);
    assertSoftly(
        softly -> {
          softly.assertThat(directory.exitCode()).as("exit code, directory").isZero();
          softly.assertThat(separate.exitCode()).as("exit code, separate files").isZero();
          softly.assertThat(directory.out()).as("findings, directory").isNotBlank();
          softly
              .assertThat(separate.out())
              .as("findings, separate files in reverse order")
              .isEqualTo(directory.out());
          softly
              .assertThat(separate.err())
              .as("statistics line, totals over all inputs")
              .isEqualTo(directory.err());
        });
  }

  /** Lists the regular files below {@code examples/} as the directory walk names them. */
  private static List<String> exampleFiles() throws IOException {
    try (Stream<Path> paths = Files.walk(Path.of(Cli.EXAMPLES))) {
      return paths
          .filter(Files::isRegularFile)
          .filter(path -> !path.getFileName().toString().startsWith("."))
          .map(Path::toString)
          .sorted()
          .toList();
    }
  }
}
