package dev.skywarden.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.event.ClientKind;
import dev.skywarden.core.event.LogKind;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.input.RawRecord;
import dev.skywarden.core.stats.SkipReason;
import dev.skywarden.core.testing.SharedData;
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
    Path logs = SharedData.requireData("stratus/logs");
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

  /**
   * The non-AWS Stratus samples are shortened documentation snippets, mostly without a time. Each
   * must be read as its format. A snippet without a time is skipped as INVALID_TIME and then
   * normalises once a time is added.
   */
  @Test
  void stratusSamples_normaliseAsTheirFormat() throws IOException {
    Path samples = SharedData.requireData("stratus/samples");
    Map<String, LogKind> kindByPrefix =
        Map.of(
            "azure.",
            LogKind.AZURE_ACTIVITY,
            "gcp.",
            LogKind.GCP_AUDIT,
            "entra-id.",
            LogKind.ENTRA_AUDIT);
    Map<String, Integer> counts = new TreeMap<>();
    for (Path file : jsonFiles(samples)) {
      String name = file.getFileName().toString();
      LogKind expected =
          kindByPrefix.entrySet().stream()
              .filter(entry -> name.startsWith(entry.getKey()))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
      if (expected == null) {
        continue;
      }
      JsonNode array = MAPPER.readTree(file.toFile());
      for (int i = 0; i < array.size(); i++) {
        NormalizeResult result = normalize(array.get(i), file, i + 1);
        if (result instanceof NormalizeResult.Skipped skipped) {
          assertThat(skipped.skipped().reason())
              .as(skipped.skipped().message())
              .isEqualTo(SkipReason.INVALID_TIME);
          counts.merge("skipped without time", 1, Integer::sum);
          ObjectNode withTime = array.get(i).deepCopy();
          withTime.put(EventTimes.PANTHER_EVENT_TIME, "2024-01-01 00:00:00");
          result = normalize(withTime, file, i + 1);
        } else {
          counts.merge("normalised as is", 1, Integer::sum);
        }
        assertThat(result)
            .as(name + " record " + (i + 1))
            .isInstanceOf(NormalizeResult.Normalized.class);
        assertThat(((NormalizeResult.Normalized) result).event().kind())
            .as(name)
            .isEqualTo(expected);
      }
    }
    System.out.println("stratus samples: " + counts);
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isPositive();
  }

  /**
   * Every Panther test event normalises or is skipped with a reason. Kubernetes audit (EKS, and AKS
   * through Azure diagnostic settings) and Microsoft 365 events are unsupported formats. The other
   * skips are test events that Panther's authors cut down to the fields one rule reads: no time, no
   * method name, or no format marker at all.
   */
  @Test
  void pantherEvents_normaliseOrSkipWithReason() throws IOException {
    Path panther = SharedData.requireData("panther");
    Map<String, LogKind> kindByType =
        Map.of(
            "aws_cloudtrail", LogKind.CLOUDTRAIL,
            "scenarios", LogKind.CLOUDTRAIL,
            "azure_monitoractivity", LogKind.AZURE_ACTIVITY,
            "gcp_auditlog", LogKind.GCP_AUDIT);
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(panther)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        String logType = dir.getFileName().toString();
        Path events = dir.resolve("events.jsonl");
        List<String> lines = Files.readAllLines(events, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          JsonNode node = MAPPER.readTree(lines.get(i));
          NormalizeResult result = normalize(node, events, i + 1);
          String where = logType + " line " + (i + 1) + ": ";
          String outcome;
          if (result instanceof NormalizeResult.Skipped skipped) {
            SkipReason reason = skipped.skipped().reason();
            outcome = reason.name();
            boolean unsupported =
                logType.equals("aws_eks_audit") || logType.equals("m365_audit_aad");
            if (unsupported && reason != SkipReason.UNKNOWN_FORMAT) {
              problems.add(where + "expected UNKNOWN_FORMAT, got " + skipped.skipped().message());
            }
            if (!unsupported && reason == SkipReason.UNKNOWN_FORMAT && hasFormatMarker(node)) {
              problems.add(where + "format not recognised: " + skipped.skipped().message());
            }
          } else {
            LogKind kind = ((NormalizeResult.Normalized) result).event().kind();
            outcome = kind.name();
            LogKind expected = kindByType.get(logType);
            boolean entra =
                logType.equals("azure_entra_audit_signin")
                    && (kind == LogKind.ENTRA_AUDIT || kind == LogKind.ENTRA_SIGNIN);
            if (!entra && kind != expected) {
              problems.add(where + "normalised as " + kind);
            }
          }
          counts.computeIfAbsent(logType, k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
        }
      }
    }
    System.out.println("panther: " + counts);
    assertThat(problems).isEmpty();
    assertThat(counts.get("aws_eks_audit")).containsOnlyKeys("UNKNOWN_FORMAT");
    assertThat(counts.get("m365_audit_aad")).containsOnlyKeys("UNKNOWN_FORMAT");
    assertThat(counts.get("azure_entra_audit_signin")).doesNotContainKey("UNKNOWN_FORMAT");
    assertThat(counts.get("scenarios")).containsOnlyKeys("CLOUDTRAIL");
  }

  /** True for an object with the main marker of a supported format, other than Kubernetes audit. */
  private static boolean hasFormatMarker(JsonNode node) {
    if ("kube-audit".equalsIgnoreCase(JsonFields.text(node, "category"))) {
      return false;
    }
    if (JsonFields.path(node, "protoPayload", "methodName") != null) {
      return true;
    }
    for (String marker : List.of("eventSource", "eventName", "operationName", "category")) {
      JsonNode value = JsonFields.get(node, marker);
      if (value != null && value.isTextual()) {
        return true;
      }
    }
    return false;
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
