package dev.skywarden.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.stats.SkippedRecord;
import dev.skywarden.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Reads real public sample logs from the shared data folder; skips when it is absent. */
class LogReaderSharedDataTest {

  private final LogReader reader = new LogReader();

  @Test
  void stratusLogs_countsMatchIndex() throws IOException {
    Path stratus = sharedData().resolve("stratus");
    Assumptions.assumeTrue(
        Files.isRegularFile(stratus.resolve("index.json")),
        "shared Stratus Red Team data not found under " + stratus);
    Map<String, Long> expected = expectedCounts(stratus.resolve("index.json"));
    List<Path> files = list(stratus.resolve("logs"), ".json");
    assertThat(files).isNotEmpty();

    for (Path file : files) {
      CollectingSink sink = new CollectingSink();
      ReadSummary summary = reader.read(InputSource.ofFile(file), sink);

      String key = "logs/" + file.getFileName();
      assertThat(expected).as("index entry for %s", key).containsKey(key);
      assertThat(summary.skipped()).as("skipped in %s: %s", file, sink.skipped).isZero();
      assertThat(summary.accepted()).as("records in %s", file).isEqualTo(expected.get(key));
      assertThat(summary.uncompressedBytes()).isEqualTo(Files.size(file));
    }
  }

  @Test
  void pantherEvents_everyLineAccounted() throws IOException {
    Path panther = sharedData().resolve("panther");
    Assumptions.assumeTrue(
        Files.isDirectory(panther), "shared Panther data not found under " + panther);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(panther)) {
      dirs.map(d -> d.resolve("events.jsonl"))
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(files::add);
    }
    assertThat(files).isNotEmpty();

    for (Path file : files) {
      long lines = nonBlankLines(file);
      CollectingSink sink = new CollectingSink();
      ReadSummary summary = reader.read(InputSource.ofFile(file), sink);

      assertThat(summary.records()).as("records in %s", file).isEqualTo(lines);
      assertThat(summary.accepted() + summary.skipped()).isEqualTo(lines);
      for (SkippedRecord skipped : sink.skipped) {
        assertThat(skipped.reason()).isNotNull();
        assertThat(skipped.location().line()).isPositive();
      }
      assertThat(sink.acceptedLines()).isSorted();
    }
  }

  private static Path sharedData() {
    return SharedData.root().resolve("data");
  }

  private static Map<String, Long> expectedCounts(Path index) throws IOException {
    Map<String, Long> counts = new HashMap<>();
    for (JsonNode technique : new ObjectMapper().readTree(index.toFile())) {
      JsonNode files = technique.path("files");
      if (files.size() == 1) {
        counts.put(files.get(0).asText(), technique.path("event_count").asLong());
      }
    }
    return counts;
  }

  private static List<Path> list(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static long nonBlankLines(Path file) throws IOException {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(line -> !line.isBlank()).count();
    }
  }
}
