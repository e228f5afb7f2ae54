package dev.skywarden.corpus.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.skywarden.corpus.Cloud;
import dev.skywarden.corpus.GroundTruth;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DetectionScoreTest {

  private static final String SEQUENCE = "attack-sequence";

  /** 40 people and 10 machine identities over 2 days: one finding is 10 per 1,000 per day. */
  private static final CorpusManifest MANIFEST =
      new CorpusManifest(
          40, 10, Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-07T00:00:00Z"));

  private static final GroundTruth KEY =
      truth("stolen-key", "alice", "2026-01-06T10:00:00Z", "2026-01-06T10:05:00Z");

  private static final GroundTruth LOGS =
      truth("logs-off", "bob", "2026-01-06T12:00:00Z", "2026-01-06T12:01:00Z");

  @Test
  void overlap_countsEdgesAsFound() {
    FindingsFile findings =
        file(
            finding("r1", "Ends at start", "low", "alice", "2026-01-06T09:00:00Z", "10:00:00"),
            finding("r2", "Starts at end", "low", "alice", "2026-01-06T10:05:00Z", "11:00:00"));

    DetectionScore score = DetectionScore.of(MANIFEST, List.of(KEY), findings, SEQUENCE);

    assertThat(score.scenarios().get(0).titles()).containsExactly("Ends at start", "Starts at end");
    assertThat(score.outside()).isEmpty();
  }

  @Test
  void otherPrincipalOrTime_isOutside() {
    FindingsFile findings =
        file(
            finding("r1", "Other principal", "high", "carol", "2026-01-06T10:01:00Z", "10:02:00"),
            finding("r2", "Before", "medium", "alice", "2026-01-06T09:00:00Z", "09:59:59"),
            finding("r3", "No principal", "low", null, "2026-01-06T10:01:00Z", "10:02:00"));

    DetectionScore score = DetectionScore.of(MANIFEST, List.of(KEY), findings, SEQUENCE);

    assertThat(score.found()).isZero();
    assertThat(score.missed()).containsExactly("stolen-key");
    assertThat(score.outside())
        .extracting(ScoredFinding::title)
        .containsExactly("Other principal", "Before", "No principal");
    assertThat(score.outsideMediumOrHigher()).isEqualTo(2);
  }

  @Test
  void roleOfSessionIdentity_isFound() {
    GroundTruth instance =
        truth(
            "instance-credentials",
            "arn:aws:sts::111122223333:assumed-role/app/i-0123456789abcdef0",
            "2026-01-06T10:00:00Z",
            "2026-01-06T10:05:00Z");
    FindingsFile findings =
        file(
            finding(
                "r1",
                "Role",
                "high",
                "arn:aws:iam::111122223333:role/app",
                "2026-01-06T10:01:00Z",
                "10:02:00"),
            finding(
                "r2",
                "Other role",
                "high",
                "arn:aws:iam::111122223333:role/web",
                "2026-01-06T10:01:00Z",
                "10:02:00"));

    DetectionScore score = DetectionScore.of(MANIFEST, List.of(instance), findings, SEQUENCE);

    assertThat(score.scenarios().get(0).titles()).containsExactly("Role");
    assertThat(score.outside()).extracting(ScoredFinding::title).containsExactly("Other role");
  }

  @Test
  void evidence_findsScenarioOnAnyPrincipal() {
    FindingsFile findings =
        file(
            finding(
                "r1",
                "New user's key used",
                "high",
                "backdoor-user",
                "2026-01-06T11:00:00Z",
                "11:30:00",
                Set.of("other-event", "stolen-key-event-2")),
            finding(
                "r2",
                "Benign on alice",
                "low",
                "alice",
                "2026-01-06T10:01:00Z",
                "10:02:00",
                Set.of("other-event")));

    DetectionScore score = DetectionScore.of(MANIFEST, List.of(KEY), findings, SEQUENCE);

    ScenarioResult result = score.scenarios().get(0);
    assertThat(result.evidenceTitles()).containsExactly("New user's key used");
    assertThat(result.titles()).containsExactly("Benign on alice", "New user's key used");
    assertThat(score.foundByEvidence()).isEqualTo(1);
    assertThat(score.outside()).isEmpty();
  }

  @Test
  void principalAndTime_notFoundByEvidence() {
    FindingsFile findings =
        file(
            finding(
                "r1",
                "Role-wide",
                "low",
                "alice",
                "2026-01-05T00:00:00Z",
                "23:59:59",
                Set.of("other-event")),
            finding("r2", "Other", "low", "carol", "2026-01-06T10:01:00Z", "10:02:00"));

    DetectionScore score =
        DetectionScore.of(
            MANIFEST,
            List.of(truth("early", "alice", "2026-01-05T10:00:00Z", "2026-01-05T10:01:00Z")),
            findings,
            SEQUENCE);

    assertThat(score.found()).isEqualTo(1);
    assertThat(score.foundByEvidence()).isZero();
    assertThat(ScoreReport.text(score, "f.jsonl"))
        .contains("| early | T1078.004 | principal and time |  | Role-wide |")
        .contains("scenarios found: 1 of 1 (by evidence: 0)");
    assertThat(ScoreReport.json(score, findings)).containsEntry("scenarios_found_by_evidence", 0);
  }

  @Test
  void rates_perThousandIdentitiesPerDay() {
    FindingsFile findings =
        file(
            finding("r1", "A", "low", "carol", "2026-01-05T10:00:00Z", "10:00:00"),
            finding("r1", "A", "low", "dave", "2026-01-05T11:00:00Z", "11:00:00"),
            finding("r2", "B", "critical", "erin", "2026-01-05T12:00:00Z", "12:00:00"));

    DetectionScore score = DetectionScore.of(MANIFEST, List.of(KEY, LOGS), findings, SEQUENCE);

    assertThat(score.outsideRate()).isCloseTo(30.0, within(1e-9));
    assertThat(score.outsideMediumOrHigherRate()).isCloseTo(10.0, within(1e-9));
    assertThat(score.outsideByRule())
        .isEqualTo(
            Map.of(
                new DetectionScore.RuleSeverity("A", "low"), 2,
                new DetectionScore.RuleSeverity("B", "critical"), 1));
  }

  @Test
  void oneFinding_canMatchTwoScenarios() {
    GroundTruth second =
        truth("second-step", "alice", "2026-01-06T10:04:00Z", "2026-01-06T10:30:00Z");
    FindingsFile findings =
        file(
            finding(
                SEQUENCE,
                "Sequence",
                "high",
                "alice",
                "2026-01-06T10:00:00Z",
                "10:20:00",
                Set.of("stolen-key-event-1", "second-step-event-2")));

    DetectionScore score = DetectionScore.of(MANIFEST, List.of(KEY, second), findings, SEQUENCE);

    assertThat(score.found()).isEqualTo(2);
    assertThat(score.scenarios().get(0).incidentSeverities()).containsExactly("high");
    assertThat(score.scenarios().get(1).incidentSeverities()).containsExactly("high");
    assertThat(score.outside()).isEmpty();
  }

  @Test
  void sequenceWithoutScenarioEvents_listsNoSeverity() {
    FindingsFile findings =
        file(
            finding(
                SEQUENCE,
                "Benign sequence",
                "low",
                "alice",
                "2026-01-06T09:00:00Z",
                "11:00:00",
                Set.of("other-event")));

    DetectionScore score = DetectionScore.of(MANIFEST, List.of(KEY), findings, SEQUENCE);

    assertThat(score.scenarios().get(0).titles()).containsExactly("Benign sequence");
    assertThat(score.scenarios().get(0).incidentSeverities()).isEmpty();
  }

  @Test
  void report_namesScenariosAndRules() {
    FindingsFile findings =
        file(
            finding("r1", "Key used", "medium", "alice", "2026-01-06T10:01:00Z", "10:01:00"),
            finding("r2", "Noise", "low", "zed", "2026-01-05T10:01:00Z", "10:01:00"));
    DetectionScore score = DetectionScore.of(MANIFEST, List.of(KEY, LOGS), findings, SEQUENCE);

    String text = ScoreReport.text(score, "found.jsonl");
    Map<String, Object> json = ScoreReport.json(score, findings);

    assertThat(text).contains("| stolen-key | T1078.004 | principal and time |  | Key used |");
    assertThat(text).contains("| logs-off | T1078.004 | no |  |  |");
    assertThat(text).contains("scenarios found: 1 of 2 (by evidence: 0)");
    assertThat(text).contains("| Noise | low | 1 |");
    assertThat(json).containsEntry("scenarios_found", 1).containsEntry("scenarios_total", 2);
  }

  @Test
  void report_escapesPipesInTitles() {
    FindingsFile findings =
        file(
            finding("r1", "Key | used", "medium", "alice", "2026-01-06T10:01:00Z", "10:01:00"),
            finding("r2", "A|B", "low", "zed", "2026-01-05T10:01:00Z", "10:01:00"));
    DetectionScore score = DetectionScore.of(MANIFEST, List.of(KEY), findings, SEQUENCE);

    String text = ScoreReport.text(score, "found.jsonl");

    assertThat(text).contains("| stolen-key | T1078.004 | principal and time |  | Key \\| used |");
    assertThat(text).contains("| A\\|B | low | 1 |");
  }

  private static GroundTruth truth(String id, String identity, String start, String end) {
    return new GroundTruth(
        id,
        "title of " + id,
        List.of("T1078.004"),
        Cloud.AWS,
        "111122223333",
        List.of(identity),
        null,
        List.of("203.0.113.7"),
        Instant.parse(start),
        Instant.parse(end),
        List.of(id + "-event-1", id + "-event-2"));
  }

  /** A finding from {@code first} to the same day's {@code lastTime} (HH:MM:SS). */
  private static ScoredFinding finding(
      String ruleId,
      String title,
      String severity,
      String principal,
      String first,
      String lastTime) {
    return finding(ruleId, title, severity, principal, first, lastTime, Set.of());
  }

  /** A finding as above whose evidence contains the events {@code eventIds}. */
  private static ScoredFinding finding(
      String ruleId,
      String title,
      String severity,
      String principal,
      String first,
      String lastTime,
      Set<String> eventIds) {
    Instant firstSeen = Instant.parse(first);
    Instant lastSeen = Instant.parse(first.substring(0, 11) + lastTime + "Z");
    return new ScoredFinding(ruleId, title, severity, principal, firstSeen, lastSeen, eventIds);
  }

  private static FindingsFile file(ScoredFinding... findings) {
    return new FindingsFile("test.jsonl", List.of(findings), 0, List.of());
  }
}
