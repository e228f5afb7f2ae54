package dev.skywarden.corpus.score;

import dev.skywarden.corpus.GroundTruth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The findings of one hunt scored against a corpus's ground truth.
 *
 * <p>A finding matches a scenario in either of two ways. By evidence: its evidence (the earliest
 * events that {@code hunt} keeps of it) contains one of the scenario's event ids, which proves that
 * the finding is about the attack. By principal and time: its principal is one of the scenario's
 * identities, or the role of such an identity that is an AWS role session, and its first-to-last
 * time range overlaps the scenario's. The role counts because a hunt groups the findings of role
 * sessions with generated names (CI runs, instance ids) under their role. A scenario is found when
 * at least one finding matches it, and found by evidence when one matches it by evidence. Every
 * finding that matches no scenario is outside the scenarios and counts as a false positive, because
 * the generated organisation does nothing else malicious. Rates are per 1,000 identities of the
 * organisation ({@link CorpusManifest#identities()}) per day of the corpus.
 *
 * <p>The two ways bracket the truth. The match by principal and time credits a benign finding on an
 * attacked identity or its role within a scenario's time range, and a finding that spans weeks of a
 * role overlaps every scenario of that role. The match by evidence misses a finding whose kept
 * evidence ends before the scenario's first event (a finding about weeks of a role whose attack
 * events come after its earliest kept events).
 *
 * @param manifest the corpus facts
 * @param scenarios one result per scenario, in ground-truth order
 * @param findings how many findings were scored
 * @param skipped how many lines of the findings file were not findings
 * @param outside the findings that match no scenario, in findings order
 */
public record DetectionScore(
    CorpusManifest manifest,
    List<ScenarioResult> scenarios,
    int findings,
    int skipped,
    List<ScoredFinding> outside) {

  /** An assumed-role ARN: partition, account, role name and session name. */
  private static final Pattern ROLE_SESSION =
      Pattern.compile("arn:(aws[a-z-]*):sts::([0-9]{12}):assumed-role/([^/]+)/.+");

  public DetectionScore {
    scenarios = List.copyOf(scenarios);
    outside = List.copyOf(outside);
  }

  /**
   * Scores {@code findings} against {@code truths}.
   *
   * @param incidentRuleId the rule id of attack sequences, whose severities each scenario lists
   *     when they show its events
   */
  public static DetectionScore of(
      CorpusManifest manifest,
      List<GroundTruth> truths,
      FindingsFile findings,
      String incidentRuleId) {
    boolean[] matched = new boolean[findings.findings().size()];
    List<ScenarioResult> scenarios = new ArrayList<>();
    for (GroundTruth truth : truths) {
      Set<String> principals = findingPrincipals(truth.identities());
      Set<String> events = Set.copyOf(truth.eventIds());
      TreeSet<String> titles = new TreeSet<>();
      TreeSet<String> evidenceTitles = new TreeSet<>();
      List<String> incidentSeverities = new ArrayList<>();
      for (int i = 0; i < matched.length; i++) {
        ScoredFinding finding = findings.findings().get(i);
        boolean byEvidence = finding.showsAnyOf(events);
        if (!byEvidence && !finding.overlaps(principals, truth.start(), truth.end())) {
          continue;
        }
        matched[i] = true;
        titles.add(finding.title());
        if (byEvidence) {
          evidenceTitles.add(finding.title());
        }
        if (byEvidence && finding.ruleId().equals(incidentRuleId)) {
          incidentSeverities.add(finding.severity());
        }
      }
      scenarios.add(new ScenarioResult(truth, titles, evidenceTitles, incidentSeverities));
    }

    List<ScoredFinding> outside = new ArrayList<>();
    for (int i = 0; i < matched.length; i++) {
      if (!matched[i]) {
        outside.add(findings.findings().get(i));
      }
    }
    return new DetectionScore(
        manifest, scenarios, findings.findings().size(), findings.skipped(), outside);
  }

  /**
   * Returns the identities and the roles of those that are AWS role sessions: {@code
   * arn:aws:sts::1:assumed-role/deploy/run-7} adds {@code arn:aws:iam::1:role/deploy}.
   */
  static Set<String> findingPrincipals(List<String> identities) {
    Set<String> principals = new LinkedHashSet<>(identities);
    for (String identity : identities) {
      Matcher session = ROLE_SESSION.matcher(identity);
      if (session.matches()) {
        principals.add(
            "arn:" + session.group(1) + ":iam::" + session.group(2) + ":role/" + session.group(3));
      }
    }
    return principals;
  }

  /** Returns how many scenarios have a finding. */
  public int found() {
    return (int) scenarios.stream().filter(ScenarioResult::found).count();
  }

  /** Returns how many scenarios have a finding whose evidence contains one of their events. */
  public int foundByEvidence() {
    return (int) scenarios.stream().filter(ScenarioResult::foundByEvidence).count();
  }

  /** Returns the ids of the scenarios without a finding, sorted. */
  public TreeSet<String> missed() {
    TreeSet<String> missed = new TreeSet<>();
    for (ScenarioResult scenario : scenarios) {
      if (!scenario.found()) {
        missed.add(scenario.truth().scenario());
      }
    }
    return missed;
  }

  /** Returns how many findings outside the scenarios are medium, high or critical. */
  public int outsideMediumOrHigher() {
    return (int) outside.stream().filter(ScoredFinding::mediumOrHigher).count();
  }

  /** Returns the findings outside the scenarios per 1,000 identities per day. */
  public double outsideRate() {
    return rate(outside.size());
  }

  /** Returns the medium or higher findings outside the scenarios per 1,000 identities per day. */
  public double outsideMediumOrHigherRate() {
    return rate(outsideMediumOrHigher());
  }

  private double rate(int count) {
    return count * 1000.0 / manifest.identities() / manifest.days();
  }

  /**
   * Returns the findings outside the scenarios counted by rule title and severity, sorted by title
   * and then severity.
   */
  public Map<RuleSeverity, Integer> outsideByRule() {
    Map<RuleSeverity, Integer> byRule = new TreeMap<>();
    for (ScoredFinding finding : outside) {
      byRule.merge(new RuleSeverity(finding.title(), finding.severity()), 1, Integer::sum);
    }
    return byRule;
  }

  /** A rule title with one severity of its findings. */
  public record RuleSeverity(String title, String severity) implements Comparable<RuleSeverity> {

    @Override
    public int compareTo(RuleSeverity other) {
      int byTitle = title.compareTo(other.title);
      return byTitle != 0 ? byTitle : severity.compareTo(other.severity);
    }
  }
}
