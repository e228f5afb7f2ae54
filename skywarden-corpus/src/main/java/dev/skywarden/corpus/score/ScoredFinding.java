package dev.skywarden.corpus.score;

import java.time.Instant;

/**
 * The parts of one hunt finding that scoring reads, from a line of {@code hunt --format jsonl}.
 *
 * @param ruleId the rule or detector id ({@code rule_id})
 * @param title the rule title
 * @param severity the severity in lower case, such as {@code medium}
 * @param principal the principal the finding is about, or {@code null} when it has none
 * @param firstSeen the time of the finding's first event
 * @param lastSeen the time of its last event
 */
public record ScoredFinding(
    String ruleId,
    String title,
    String severity,
    String principal,
    Instant firstSeen,
    Instant lastSeen) {

  /** Returns whether the severity is medium, high or critical. */
  public boolean mediumOrHigher() {
    return switch (severity) {
      case "medium", "high", "critical" -> true;
      default -> false;
    };
  }

  /** Returns whether the finding is about one of {@code identities} and overlaps the time range. */
  boolean overlaps(java.util.Collection<String> identities, Instant start, Instant end) {
    return principal != null
        && identities.contains(principal)
        && !firstSeen.isAfter(end)
        && !lastSeen.isBefore(start);
  }
}
