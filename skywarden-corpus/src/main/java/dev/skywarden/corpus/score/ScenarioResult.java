package dev.skywarden.corpus.score;

import dev.skywarden.corpus.GroundTruth;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The outcome of one inserted scenario: the findings that match it.
 *
 * @param truth the scenario
 * @param titles the distinct titles of the findings that match it by principal and time or by
 *     evidence, sorted; empty when missed
 * @param evidenceTitles the distinct titles of the findings whose evidence contains one of the
 *     scenario's events, sorted; a subset of {@code titles}
 * @param incidentSeverities the severities of the attack sequences that show its events, in
 *     findings order
 */
public record ScenarioResult(
    GroundTruth truth,
    SortedSet<String> titles,
    SortedSet<String> evidenceTitles,
    List<String> incidentSeverities) {

  public ScenarioResult {
    titles = Collections.unmodifiableSortedSet(new TreeSet<>(titles));
    evidenceTitles = Collections.unmodifiableSortedSet(new TreeSet<>(evidenceTitles));
    incidentSeverities = List.copyOf(incidentSeverities);
  }

  /** Returns whether at least one finding matches the scenario. */
  public boolean found() {
    return !titles.isEmpty();
  }

  /** Returns whether at least one finding shows one of the scenario's events in its evidence. */
  public boolean foundByEvidence() {
    return !evidenceTitles.isEmpty();
  }
}
