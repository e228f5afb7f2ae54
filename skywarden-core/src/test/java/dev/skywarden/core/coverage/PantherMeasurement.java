package dev.skywarden.core.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.detect.BuiltinRules;
import dev.skywarden.core.detect.RecordEvaluation;
import dev.skywarden.core.detect.RuleTestRunner;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.finding.Technique;
import dev.skywarden.core.input.InputSource;
import dev.skywarden.core.input.LogReader;
import dev.skywarden.core.input.RawRecord;
import dev.skywarden.core.input.RecordSink;
import dev.skywarden.core.sigma.SigmaRuleSet;
import dev.skywarden.core.stats.SkipReason;
import dev.skywarden.core.stats.SkippedRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Measures the built-in pack on the Panther rule test events: every record of each {@code <log
 * type>/events.jsonl} goes through the reader, the normaliser and the whole pack on its own, and
 * its findings are compared with the ATT&CK techniques and expected result of its label in {@code
 * labels.jsonl} (one label per line of the events file).
 *
 * <p>For each {@linkplain #TECHNIQUES measured technique}, a positive is an event whose label has
 * the technique and expects Panther's rule to fire; a negative has the technique and expects it not
 * to fire. A sub-technique counts for its parent {@code T1098} on both sides.
 */
final class PantherMeasurement {

  /** The techniques the table reports, in table order. */
  static final List<String> TECHNIQUES =
      List.of("T1059.009", "T1651", "T1078.004", "T1098", "T1562.008");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How the records of one log type (one folder) were read. */
  record ParseCounts(String logType, long records, long events, Map<SkipReason, Long> skipped) {}

  /** The counts of one technique in one log type, or over all of them. */
  record TechniqueCounts(
      String technique,
      String logType,
      long positives,
      long positivesDetected,
      long negatives,
      long negativesDetected) {}

  /** One labelled event and what the pack made of it. */
  record LabelledEvent(
      String logType,
      long line,
      String pantherRule,
      boolean expected,
      Set<String> labelTechniques,
      Set<String> foundTechniques,
      Set<String> foundRules,
      SkipReason skipReason) {}

  private final List<ParseCounts> parseCounts = new ArrayList<>();
  private final List<LabelledEvent> events = new ArrayList<>();

  private PantherMeasurement() {}

  /**
   * Measures every log type folder under {@code pantherRoot} that has both files.
   *
   * @throws IOException when a file cannot be read
   */
  static PantherMeasurement run(Path pantherRoot) throws IOException {
    RuleTestRunner runner = new RuleTestRunner(SigmaRuleSet.compile(BuiltinRules.load()));
    PantherMeasurement measurement = new PantherMeasurement();
    List<Path> folders;
    try (Stream<Path> list = Files.list(pantherRoot)) {
      folders =
          list.filter(folder -> Files.isRegularFile(folder.resolve("events.jsonl")))
              .filter(folder -> Files.isRegularFile(folder.resolve("labels.jsonl")))
              .sorted()
              .toList();
    }
    for (Path folder : folders) {
      measurement.measureFolder(folder, runner);
    }
    return measurement;
  }

  List<ParseCounts> parseCounts() {
    return parseCounts;
  }

  List<LabelledEvent> events() {
    return events;
  }

  /** Returns the counts of {@code technique} over all log types. */
  TechniqueCounts total(String technique) {
    return count(technique, null);
  }

  /** Returns the counts of every technique per log type, leaving out log types without cases. */
  List<TechniqueCounts> perLogType() {
    Set<String> logTypes = new TreeSet<>();
    parseCounts.forEach(counts -> logTypes.add(counts.logType()));
    List<TechniqueCounts> rows = new ArrayList<>();
    for (String technique : TECHNIQUES) {
      for (String logType : logTypes) {
        TechniqueCounts counts = count(technique, logType);
        if (counts.positives() + counts.negatives() > 0) {
          rows.add(counts);
        }
      }
    }
    return rows;
  }

  /**
   * Returns whether {@code techniques} has {@code expected}, or a sub-technique when it is T1098.
   */
  static boolean hasTechnique(Set<String> techniques, String expected) {
    for (String technique : techniques) {
      if (technique.equals(expected)
          || (expected.equals("T1098") && technique.startsWith("T1098."))) {
        return true;
      }
    }
    return false;
  }

  /** Formats the parse and technique tables as Markdown. */
  String toMarkdown() {
    StringBuilder out = new StringBuilder();
    out.append("| Log type | Records | Normalised | Skipped (reason) |\n");
    out.append("|---|---:|---:|---|\n");
    for (ParseCounts counts : parseCounts) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %s |%n",
              counts.logType(),
              counts.records(),
              counts.events(),
              describe(counts.skipped())));
    }
    out.append('\n');
    out.append("| Technique | Positives | Detected | Negatives | Fired on negatives |\n");
    out.append("|---|---:|---:|---:|---:|\n");
    for (String technique : TECHNIQUES) {
      appendRow(out, technique, total(technique));
    }
    out.append('\n');
    out.append(
        "| Technique | Log type | Positives | Detected | Negatives | Fired on negatives |\n");
    out.append("|---|---|---:|---:|---:|---:|\n");
    for (TechniqueCounts counts : perLogType()) {
      appendRow(out, counts.technique() + " | " + counts.logType(), counts);
    }
    return out.toString();
  }

  /**
   * Lists, per technique, the positives the pack missed and the negatives it fired on: log type,
   * line, Panther rule id, and the skip reason or the titles of the rules that fired.
   */
  String describeMisses() {
    StringBuilder out = new StringBuilder();
    for (String technique : TECHNIQUES) {
      for (LabelledEvent event : events) {
        if (!hasTechnique(event.labelTechniques(), technique)) {
          continue;
        }
        boolean detected = hasTechnique(event.foundTechniques(), technique);
        if (event.expected() == detected) {
          continue;
        }
        out.append(
            String.format(
                Locale.ROOT,
                "%s %s %s:%d %s -> %s%n",
                technique,
                event.expected() ? "missed positive" : "fired on negative",
                event.logType(),
                event.line(),
                event.pantherRule(),
                event.skipReason() != null
                    ? "skipped: " + event.skipReason()
                    : event.foundRules()));
      }
    }
    return out.toString();
  }

  private static void appendRow(StringBuilder out, String label, TechniqueCounts counts) {
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %d | %d | %d | %d |%n",
            label,
            counts.positives(),
            counts.positivesDetected(),
            counts.negatives(),
            counts.negativesDetected()));
  }

  private static String describe(Map<SkipReason, Long> skipped) {
    if (skipped.isEmpty()) {
      return "0";
    }
    List<String> parts = new ArrayList<>();
    skipped.forEach((reason, count) -> parts.add(count + " " + reason.description()));
    return String.join(", ", parts);
  }

  private TechniqueCounts count(String technique, String logType) {
    long positives = 0;
    long positivesDetected = 0;
    long negatives = 0;
    long negativesDetected = 0;
    for (LabelledEvent event : events) {
      if (logType != null && !logType.equals(event.logType())) {
        continue;
      }
      if (!hasTechnique(event.labelTechniques(), technique)) {
        continue;
      }
      boolean detected = hasTechnique(event.foundTechniques(), technique);
      if (event.expected()) {
        positives++;
        positivesDetected += detected ? 1 : 0;
      } else {
        negatives++;
        negativesDetected += detected ? 1 : 0;
      }
    }
    return new TechniqueCounts(
        technique,
        logType == null ? "all" : logType,
        positives,
        positivesDetected,
        negatives,
        negativesDetected);
  }

  private void measureFolder(Path folder, RuleTestRunner runner) throws IOException {
    String logType = folder.getFileName().toString();
    Map<Long, JsonNode> labels = readLabels(folder.resolve("labels.jsonl"));
    Map<Long, Set<String>> techniquesByLine = new HashMap<>();
    Map<Long, Set<String>> rulesByLine = new HashMap<>();
    Map<Long, SkipReason> skipByLine = new HashMap<>();
    Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    long[] events = new long[1];

    RecordSink sink =
        new RecordSink() {
          @Override
          public void accept(RawRecord record) {
            long line = record.location().line();
            RecordEvaluation evaluation = runner.evaluate(record.node(), record.location());
            if (evaluation.isSkipped()) {
              skip(evaluation.skipped());
              return;
            }
            events[0]++;
            FindingAggregator aggregator = new FindingAggregator();
            for (DetectionHit hit : evaluation.hits()) {
              aggregator.add(hit);
            }
            Set<String> techniques = techniquesByLine.computeIfAbsent(line, l -> new TreeSet<>());
            Set<String> rules = rulesByLine.computeIfAbsent(line, l -> new TreeSet<>());
            for (Finding finding : aggregator.findings()) {
              rules.add(finding.title());
              for (Technique technique : finding.techniques()) {
                techniques.add(technique.id());
              }
            }
          }

          @Override
          public void skip(SkippedRecord record) {
            skipped.merge(record.reason(), 1L, Long::sum);
            skipByLine.put(record.location().line(), record.reason());
          }
        };
    var summary = new LogReader().read(InputSource.ofFile(folder.resolve("events.jsonl")), sink);
    parseCounts.add(new ParseCounts(logType, summary.records(), events[0], new TreeMap<>(skipped)));

    for (Map.Entry<Long, JsonNode> entry : labels.entrySet()) {
      JsonNode label = entry.getValue();
      Set<String> labelTechniques = new TreeSet<>();
      for (JsonNode mitre : label.path("mitre_attack")) {
        String text = mitre.asText();
        labelTechniques.add(text.substring(text.indexOf(':') + 1).trim().toUpperCase(Locale.ROOT));
      }
      long line = entry.getKey();
      this.events.add(
          new LabelledEvent(
              logType,
              line,
              label.path("rule_id").asText(),
              label.path("expected_result").asBoolean(),
              labelTechniques,
              techniquesByLine.getOrDefault(line, Set.of()),
              rulesByLine.getOrDefault(line, Set.of()),
              skipByLine.get(line)));
    }
  }

  private static Map<Long, JsonNode> readLabels(Path file) throws IOException {
    Map<Long, JsonNode> labels = new LinkedHashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      while ((text = reader.readLine()) != null) {
        if (text.isBlank()) {
          continue;
        }
        JsonNode label = JSON.readTree(text);
        labels.put(label.path("line").asLong(), label);
      }
    }
    return labels;
  }
}
