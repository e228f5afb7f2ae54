package dev.skywarden.corpus.score;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * The parts of one hunt finding that scoring reads, from a line of {@code hunt --format jsonl}.
 *
 * @param ruleId the rule or detector id ({@code rule_id})
 * @param title the rule title
 * @param severity the severity in lower case, such as {@code medium}
 * @param principal the principal the finding is about, or {@code null} when it has none
 * @param firstSeen the time of the finding's first event
 * @param lastSeen the time of its last event
 * @param eventIds the event ids of its evidence ({@code evidence[].event_id}) that the reader kept:
 *     of the earliest events of the finding, at most as many as {@code hunt} keeps, so not always
 *     every event it covers. {@code score} keeps only the ids that the ground truth lists.
 */
public record ScoredFinding(
    String ruleId,
    String title,
    String severity,
    String principal,
    Instant firstSeen,
    Instant lastSeen,
    Set<String> eventIds) {

  public ScoredFinding {
    eventIds = Set.copyOf(eventIds);
  }

  /** Returns whether the severity is medium, high or critical. */
  public boolean mediumOrHigher() {
    return switch (severity) {
      case "medium", "high", "critical" -> true;
      default -> false;
    };
  }

  /** Returns whether the finding is about one of {@code identities} and overlaps the time range. */
  boolean overlaps(Collection<String> identities, Instant start, Instant end) {
    return principal != null
        && identities.contains(principal)
        && !firstSeen.isAfter(end)
        && !lastSeen.isBefore(start);
  }

  /** Returns whether the finding's evidence contains one of {@code events}. */
  boolean showsAnyOf(Collection<String> events) {
    for (String event : events) {
      if (eventIds.contains(event)) {
        return true;
      }
    }
    return false;
  }
}
