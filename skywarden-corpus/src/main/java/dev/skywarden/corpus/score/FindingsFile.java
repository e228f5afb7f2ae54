package dev.skywarden.corpus.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The findings of one hunt, read from JSON Lines as {@code hunt --format jsonl} writes them. A line
 * that is not a finding (invalid JSON, a missing title or time) is skipped and counted with its
 * line number and reason; blank lines are ignored.
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
    List<ScoredFinding> findings = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    int skipped = 0;
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      String reason;
      try {
        findings.add(parse(json.readTree(line)));
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
  static ScoredFinding parse(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return new ScoredFinding(
        RecordFields.text(node, "rule_id"),
        RecordFields.text(node, "title"),
        RecordFields.text(node, "severity").toLowerCase(Locale.ROOT),
        RecordFields.optionalText(node, "principal"),
        RecordFields.time(node, "first_seen"),
        RecordFields.time(node, "last_seen"));
  }
}
