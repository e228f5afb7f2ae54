package dev.skywarden.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.event.ClientKind;
import dev.skywarden.core.event.LogKind;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.input.RawRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Normalises the public Stratus Red Team and Panther sample data, when it is present. */
class RealDataNormalizeTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final EventNormalizer normalizer = new EventNormalizer();

  @Test
  void stratusDetonationLogs_normaliseWithoutSkips() throws IOException {
    Path logs = SharedData.require("stratus/logs");
    int events = 0;
    List<String> problems = new ArrayList<>();
    for (Path file : jsonFiles(logs)) {
      JsonNode array = MAPPER.readTree(file.toFile());
      assertThat(array.isArray()).as(file + " is a JSON array").isTrue();
      for (int i = 0; i < array.size(); i++) {
        NormalizeResult result = normalize(array.get(i), file, i + 1);
        if (result instanceof NormalizeResult.Skipped skipped) {
          problems.add(skipped.skipped().message());
          continue;
        }
        var event = ((NormalizeResult.Normalized) result).event();
        events++;
        if (event.kind() != LogKind.CLOUDTRAIL || !event.client().has(ClientKind.OFFENSIVE_TOOL)) {
          problems.add(
              file.getFileName()
                  + " record "
                  + (i + 1)
                  + ": "
                  + event.kind()
                  + " "
                  + event.client());
        }
      }
    }
    System.out.println("stratus detonation logs: " + events + " events");
    assertThat(problems).isEmpty();
    assertThat(events).isPositive();
  }

  @Test
  void pantherEvents_normaliseOrSkipWithReason() throws IOException {
    Path panther = SharedData.require("panther");
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    List<String> samples = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(panther)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        Path events = dir.resolve("events.jsonl");
        List<String> lines = Files.readAllLines(events, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          NormalizeResult result = normalize(MAPPER.readTree(lines.get(i)), events, i + 1);
          String outcome;
          if (result instanceof NormalizeResult.Skipped skipped) {
            outcome = skipped.skipped().reason().name();
            samples.add(skipped.skipped().message());
          } else {
            outcome = ((NormalizeResult.Normalized) result).event().kind().name();
          }
          counts
              .computeIfAbsent(dir.getFileName().toString(), k -> new TreeMap<>())
              .merge(outcome, 1, Integer::sum);
        }
      }
    }
    System.out.println("panther: " + counts);
    samples.forEach(System.out::println);
    assertThat(counts).isNotEmpty();
  }

  private NormalizeResult normalize(JsonNode node, Path file, long index) {
    return normalizer.normalize(
        new RawRecord(node, new SourceLocation(file.getFileName().toString(), index, 0)));
  }

  private static List<Path> jsonFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }
}
