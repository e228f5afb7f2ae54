package dev.skywarden.corpus.score;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Writes a {@link DetectionScore} as Markdown tables for people and as a JSON tree for tools. */
public final class ScoreReport {

  private ScoreReport() {}

  /**
   * Returns the score as text: a header line, a Markdown table of the scenarios, the totals, and a
   * Markdown table of the findings outside the scenarios by rule and severity.
   */
  public static String text(DetectionScore score, String findingsName) {
    CorpusManifest manifest = score.manifest();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%s: %,d findings (%,d lines skipped); corpus: %d people and %d machine identities,"
                + " %.2f days%n%n",
            findingsName,
            score.findings(),
            score.skipped(),
            manifest.people(),
            manifest.machineIdentities(),
            manifest.days()));

    out.append(
        "| Scenario | ATT&CK | Found | Findings showing its events"
            + " | Other findings of its identities in its time |\n|---|---|---|---|---|\n");
    for (ScenarioResult scenario : score.scenarios()) {
      TreeSet<String> others = new TreeSet<>(scenario.titles());
      others.removeAll(scenario.evidenceTitles());
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s |%n",
              scenario.truth().scenario(),
              String.join(", ", scenario.truth().techniques()),
              foundBy(scenario),
              cell(String.join("; ", scenario.evidenceTitles())),
              cell(String.join("; ", others))));
    }

    out.append(
        String.format(
            Locale.ROOT,
            "%nscenarios found: %d of %d (by evidence: %d)%noutside scenarios: %,d findings, %,d"
                + " medium or higher; per 1,000 identities per day: %.1f, %.1f medium or higher%n",
            score.found(),
            score.scenarios().size(),
            score.foundByEvidence(),
            score.outside().size(),
            score.outsideMediumOrHigher(),
            score.outsideRate(),
            score.outsideMediumOrHigherRate()));
    if (!score.outside().isEmpty()) {
      out.append("\n| Rule outside scenarios | Severity | Findings |\n|---|---|---:|\n");
      score
          .outsideByRule()
          .forEach(
              (rule, count) ->
                  out.append(
                      String.format(
                          Locale.ROOT,
                          "| %s | %s | %,d |%n",
                          cell(rule.title()),
                          rule.severity(),
                          count)));
    }
    return out.toString();
  }

  /**
   * Returns how a scenario was found: {@code evidence} when a finding shows one of its events,
   * {@code principal and time} when findings only match its identities and time range, or {@code
   * no}.
   */
  private static String foundBy(ScenarioResult scenario) {
    if (scenario.foundByEvidence()) {
      return "evidence";
    }
    return scenario.found() ? "principal and time" : "no";
  }

  /** Escapes the pipes of a table cell, which rule titles may contain. */
  static String cell(String text) {
    return text.replace("|", "\\|");
  }

  /** Returns the score as a JSON-ready tree of maps and lists, with fields in a fixed order. */
  public static Map<String, Object> json(DetectionScore score, FindingsFile findings) {
    CorpusManifest manifest = score.manifest();
    Map<String, Object> corpus = new LinkedHashMap<>();
    corpus.put("people", manifest.people());
    corpus.put("machine_identities", manifest.machineIdentities());
    corpus.put("days", manifest.days());

    List<Map<String, Object>> scenarios =
        score.scenarios().stream()
            .map(
                scenario -> {
                  Map<String, Object> item = new LinkedHashMap<>();
                  item.put("scenario", scenario.truth().scenario());
                  item.put("techniques", scenario.truth().techniques());
                  item.put("found", scenario.found());
                  item.put("found_by_evidence", scenario.foundByEvidence());
                  item.put("titles", List.copyOf(scenario.titles()));
                  item.put("evidence_titles", List.copyOf(scenario.evidenceTitles()));
                  item.put("incident_severities", scenario.incidentSeverities());
                  return item;
                })
            .toList();
    List<Map<String, Object>> byRule =
        score.outsideByRule().entrySet().stream()
            .map(
                entry -> {
                  Map<String, Object> item = new LinkedHashMap<>();
                  item.put("title", entry.getKey().title());
                  item.put("severity", entry.getKey().severity());
                  item.put("findings", entry.getValue());
                  return item;
                })
            .toList();

    Map<String, Object> outside = new LinkedHashMap<>();
    outside.put("findings", score.outside().size());
    outside.put("medium_or_higher", score.outsideMediumOrHigher());
    outside.put("per_1000_identities_per_day", score.outsideRate());
    outside.put("medium_or_higher_per_1000_identities_per_day", score.outsideMediumOrHigherRate());
    outside.put("by_rule", byRule);

    Map<String, Object> root = new LinkedHashMap<>();
    root.put("findings_file", findings.name());
    root.put("findings", score.findings());
    root.put("skipped_lines", score.skipped());
    root.put("skipped_reasons", findings.skippedReasons());
    root.put("corpus", corpus);
    root.put("scenarios_found", score.found());
    root.put("scenarios_found_by_evidence", score.foundByEvidence());
    root.put("scenarios_total", score.scenarios().size());
    root.put("scenarios", scenarios);
    root.put("outside", outside);
    return root;
  }
}
