package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a hunt over damaged inputs: the run succeeds, and the table accounts for every record with
 * the file, line and reason of each skipped one.
 */
class HuntDamagedInputTest {

  private static final Pattern STATISTICS =
      Pattern.compile(": (\\d+) files?, (\\d+) records?, (\\d+) events?, (\\d+) skipped$");

  @TempDir Path temp;

  @Test
  void table_accountsForEveryRecord() throws IOException {
    Path folder = DamagedInputs.write(temp.resolve("damaged"));

    Cli.Result result = Cli.run("hunt", "--color", "never", folder.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isZero();
          softly.assertThat(result.err()).as("standard error").isEmpty();
          softly.assertThat(result.out()).as("findings heading").startsWith("Findings (1)\n");
        });
    List<String> lines = result.out().lines().toList();
    String statistics =
        lines.stream()
            .filter(line -> line.startsWith(folder + ": "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no statistics line in\n" + result));
    Matcher counts = STATISTICS.matcher(statistics);
    assertThat(counts.find()).as(statistics).isTrue();
    long records = Long.parseLong(counts.group(2));
    long events = Long.parseLong(counts.group(3));
    long skipped = Long.parseLong(counts.group(4));
    assertThat(records)
        .as("records = events + skipped in " + statistics)
        .isEqualTo(events + skipped);
    assertThat(statistics)
        .isEqualTo(
            folder
                + ": 4 files, "
                + DamagedInputs.RECORDS
                + " records, "
                + DamagedInputs.EVENTS
                + " events, "
                + DamagedInputs.SKIPPED
                + " skipped");

    assertThat(lines)
        .as(result.toString())
        .contains(
            "  skipped 1: malformed JSON",
            "  skipped 1: truncated or corrupt gzip stream",
            "  skipped 1: CloudTrail digest file",
            "  skipped 1: unknown log format");
    assertThat(samples(lines))
        .as(result.toString())
        .satisfiesExactlyInAnyOrder(
            sample ->
                assertThat(sample)
                    .startsWith(
                        "  sample: malformed JSON at "
                            + folder.resolve(DamagedInputs.JSON_LINES)
                            + ":2 (record 2): "),
            sample ->
                assertThat(sample)
                    .startsWith(
                        "  sample: truncated or corrupt gzip stream at "
                            + folder.resolve(DamagedInputs.TRUNCATED_GZIP)
                            + " record 1: "),
            sample ->
                assertThat(sample)
                    .startsWith(
                        "  sample: CloudTrail digest file at "
                            + folder.resolve(DamagedInputs.DIGEST)
                            + ":1 (record 1): "),
            sample ->
                assertThat(sample)
                    .startsWith(
                        "  sample: unknown log format at "
                            + folder.resolve(DamagedInputs.UNKNOWN_FORMAT)
                            + ":1 (record 1): "));
  }

  @Test
  void jsonl_statisticsLineCountsSeparateFiles() throws IOException {
    Path folder = DamagedInputs.write(temp.resolve("damaged"));

    Cli.Result result =
        Cli.run(
            "hunt",
            "--format",
            "jsonl",
            folder.resolve(DamagedInputs.UNKNOWN_FORMAT).toString(),
            folder.resolve(DamagedInputs.DIGEST).toString(),
            folder.resolve(DamagedInputs.TRUNCATED_GZIP).toString(),
            folder.resolve(DamagedInputs.JSON_LINES).toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isZero();
          softly
              .assertThat(result.err())
              .as("statistics line")
              .isEqualTo(
                  "skywarden: 4 files, "
                      + DamagedInputs.RECORDS
                      + " records, "
                      + DamagedInputs.EVENTS
                      + " events, "
                      + DamagedInputs.SKIPPED
                      + " skipped"
                      + System.lineSeparator());
          softly.assertThat(result.out().lines()).as("findings").hasSize(1);
          softly
              .assertThat(result.out())
              .as("finding over both events of the cut JSON Lines file")
              .contains("\"count\":2,");
        });
  }

  private static List<String> samples(List<String> lines) {
    return lines.stream().filter(line -> line.startsWith("  sample: ")).toList();
  }
}
