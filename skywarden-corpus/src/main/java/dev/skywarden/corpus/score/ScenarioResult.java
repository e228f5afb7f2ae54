package dev.skywarden.corpus.score;

import dev.skywarden.corpus.GroundTruth;
import java.util.List;
import java.util.SortedSet;

/**
 * The outcome of one inserted scenario: the findings that match it.
 *
 * @param truth the scenario
 * @param titles the distinct titles of the findings that match it, sorted; empty when missed
 * @param incidentSeverities the severities of the attack sequences that match it, in findings order
 */
public record ScenarioResult(
    GroundTruth truth, SortedSet<String> titles, List<String> incidentSeverities) {

  public ScenarioResult {
    titles = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(titles));
    incidentSeverities = List.copyOf(incidentSeverities);
  }

  /** Returns whether at least one finding matches the scenario. */
  public boolean found() {
    return !titles.isEmpty();
  }
}
