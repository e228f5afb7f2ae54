package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The findings of {@code skywarden hunt examples/}, read from its JSON Lines output, for tests of
 * other formats that must show the same findings.
 */
record ExampleFindings(List<Row> rows) {

  /** The parts of one finding that the report tests filter on. */
  record Row(
      String severity,
      String cloud,
      List<String> techniques,
      String principal,
      String explanation,
      long count) {}

  /** Runs the example hunt in JSON Lines and reads its findings. */
  static ExampleFindings read() {
    Cli.Result result = Cli.run("hunt", "--format", "jsonl", Cli.EXAMPLES);
    assertThat(result.exitCode()).as("exit code of the example hunt").isZero();
    ObjectMapper mapper = new ObjectMapper();
    List<Row> rows = new ArrayList<>();
    for (String line : result.out().lines().toList()) {
      try {
        JsonNode finding = mapper.readTree(line);
        List<String> techniques = new ArrayList<>();
        finding.path("techniques").forEach(t -> techniques.add(t.path("id").asText()));
        rows.add(
            new Row(
                finding.path("severity").asText(),
                finding.path("provider").asText(),
                techniques,
                finding.path("principal").asText(),
                finding.path("explanation").asText(),
                finding.path("count").asLong()));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new UncheckedIOException("invalid JSON Lines output: " + line, e);
      }
    }
    return new ExampleFindings(List.copyOf(rows));
  }

  int total() {
    return rows.size();
  }

  /** Returns the largest event count of any finding. */
  long maxCount() {
    return rows.stream().mapToLong(Row::count).max().orElse(0);
  }

  int count(Predicate<Row> filter) {
    return (int) rows.stream().filter(filter).count();
  }
}
