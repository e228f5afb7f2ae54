package dev.skywarden.corpus.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * The findings of one hunt, read from JSON Lines as {@code hunt --format jsonl} writes them, plain
 * or gzip (recognised by content). A line that is not one finding is skipped and counted with its
 * line number and reason: invalid JSON, two values on one line, a missing title or time, an unknown
 * severity, or a last time before the first. Blank lines are ignored.
 *
 * @param name the file name, or {@code -} for standard input, as messages show it
 * @param findings the findings in file order
 * @param skipped how many lines were skipped
 * @param skippedReasons the reasons of the first {@link #LISTED_REASONS} skipped lines, each as
 *     {@code NAME:LINE: reason}
 */
public record FindingsFile(
    String name, List<ScoredFinding> findings, int skipped, List<String> skippedReasons) {

  /** How many skip reasons are kept for messages. */
  public static final int LISTED_REASONS = 10;

  /** The severities that {@code hunt} writes, lowest first. */
  private static final List<String> SEVERITIES =
      List.of("informational", "low", "medium", "high", "critical");

  public FindingsFile {
    findings = List.copyOf(findings);
    skippedReasons = List.copyOf(skippedReasons);
  }

  /**
   * Reads findings from {@code in}, which the caller closes.
   *
   * @param name the input's name for messages
   * @throws IOException when reading fails, not when a line is invalid
   */
  public static FindingsFile read(String name, InputStream in, ObjectMapper json)
      throws IOException {
    return read(name, in, json, id -> true);
  }

  /**
   * Reads findings from {@code in}, which the caller closes, keeping of each finding's evidence
   * only the event ids that {@code keptEventIds} accepts.
   *
   * @param name the input's name for messages
   * @param keptEventIds accepts the evidence event ids to keep
   * @throws IOException when reading fails, not when a line is invalid
   */
  public static FindingsFile read(
      String name, InputStream in, ObjectMapper json, Predicate<String> keptEventIds)
      throws IOException {
    List<ScoredFinding> findings = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    int skipped = 0;
    // Without this feature, Jackson reads the first value of "{...}{...}" and drops the rest.
    ObjectReader lineReader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(decompressed(in), StandardCharsets.UTF_8));
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      String reason;
      try {
        findings.add(parse(lineReader.readTree(line), keptEventIds));
        continue;
      } catch (JsonProcessingException e) {
        reason = "invalid JSON: " + e.getOriginalMessage();
      } catch (IllegalArgumentException e) {
        reason = e.getMessage();
      }
      skipped++;
      if (reasons.size() < LISTED_REASONS) {
        reasons.add(name + ":" + number + ": " + reason);
      }
    }
    return new FindingsFile(name, findings, skipped, reasons);
  }

  /**
   * Returns the finding of one JSON object.
   *
   * @throws IllegalArgumentException naming the field that is missing or invalid
   */
  static ScoredFinding parse(JsonNode node, Predicate<String> keptEventIds) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String ruleId = RecordFields.text(node, "rule_id");
    String title = RecordFields.text(node, "title");
    String severity = RecordFields.text(node, "severity").toLowerCase(Locale.ROOT);
    if (!SEVERITIES.contains(severity)) {
      throw new IllegalArgumentException(
          "field 'severity' is '"
              + severity
              + "', expected informational, low, medium, high or critical");
    }
    Instant firstSeen = RecordFields.time(node, "first_seen");
    Instant lastSeen = RecordFields.time(node, "last_seen");
    if (lastSeen.isBefore(firstSeen)) {
      throw new IllegalArgumentException(
          "'last_seen' (" + lastSeen + ") is before 'first_seen' (" + firstSeen + ")");
    }
    return new ScoredFinding(
        ruleId,
        title,
        severity,
        RecordFields.optionalText(node, "principal"),
        firstSeen,
        lastSeen,
        evidenceEventIds(node, keptEventIds));
  }

  /**
   * Returns the {@code event_id} texts of the finding's {@code evidence} array that {@code
   * keptEventIds} accepts. A numeric id counts as its JSON text, as the ground truth reads it. A
   * finding without evidence, or an evidence item without a string or number id, adds none: such a
   * finding can still match a scenario by principal and time.
   */
  private static Set<String> evidenceEventIds(JsonNode node, Predicate<String> keptEventIds) {
    JsonNode evidence = node.get("evidence");
    if (evidence == null || !evidence.isArray()) {
      return Set.of();
    }
    Set<String> ids = new HashSet<>();
    for (JsonNode item : evidence) {
      JsonNode id = item.get("event_id");
      if (id != null && (id.isTextual() || id.isNumber()) && keptEventIds.test(id.asText())) {
        ids.add(id.asText());
      }
    }
    return ids;
  }

  /** Returns {@code in} decompressed when it starts with the gzip magic bytes, else as it is. */
  private static InputStream decompressed(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in);
    buffered.mark(2);
    int first = buffered.read();
    int second = buffered.read();
    buffered.reset();
    if (first == 0x1f && second == 0x8b) {
      return new GZIPInputStream(buffered);
    }
    return buffered;
  }
}
