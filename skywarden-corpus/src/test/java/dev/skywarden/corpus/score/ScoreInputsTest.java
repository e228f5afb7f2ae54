package dev.skywarden.corpus.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.corpus.CorpusGenerator;
import dev.skywarden.corpus.CorpusOptions;
import dev.skywarden.corpus.CorpusSummary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the manifest, ground truth and findings that a score needs, and their errors. */
class ScoreInputsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  @Test
  void generatedCorpus_readsBack() throws Exception {
    Path corpus = temp.resolve("corpus");
    CorpusOptions defaults = CorpusOptions.defaults(3);
    CorpusOptions options =
        new CorpusOptions(
            3, defaults.start(), 2, 0, 2, 4, defaults.clouds(), defaults.scenarios(), 1);
    CorpusSummary summary = new CorpusGenerator(options).generate(corpus, null);

    CorpusManifest manifest = CorpusManifest.read(corpus, JSON);

    assertThat(GroundTruthFile.read(corpus, JSON)).isEqualTo(summary.groundTruth());
    assertThat(manifest.people()).isEqualTo(4);
    assertThat(manifest.machineIdentities()).isPositive();
    assertThat(manifest.days()).isEqualTo(2.0);
  }

  @Test
  void manifest_missingField_namesFileAndField() throws IOException {
    Files.writeString(
        temp.resolve(CorpusManifest.FILE_NAME),
        "{\"identities\": 4, \"start\": \"2026-01-05T00:00:00Z\", \"end\": \"2026-01-06T00:00:00Z\"}");

    assertThatThrownBy(() -> CorpusManifest.read(temp, JSON))
        .isInstanceOf(InvalidScoreInputException.class)
        .hasMessageContaining(CorpusManifest.FILE_NAME)
        .hasMessageContaining("'machineIdentities'");
  }

  @Test
  void manifest_endBeforeStart_rejected() throws IOException {
    Files.writeString(
        temp.resolve(CorpusManifest.FILE_NAME),
        "{\"identities\": 4, \"machineIdentities\": 1, \"start\": \"2026-01-06T00:00:00Z\","
            + " \"end\": \"2026-01-05T00:00:00Z\"}");

    assertThatThrownBy(() -> CorpusManifest.read(temp, JSON))
        .isInstanceOf(InvalidScoreInputException.class)
        .hasMessageContaining("must come after 'start'");
  }

  @Test
  void manifest_noIdentities_rejected() throws IOException {
    Files.writeString(
        temp.resolve(CorpusManifest.FILE_NAME),
        "{\"identities\": 0, \"machineIdentities\": 0, \"start\": \"2026-01-05T00:00:00Z\","
            + " \"end\": \"2026-01-06T00:00:00Z\"}");

    assertThatThrownBy(() -> CorpusManifest.read(temp, JSON))
        .isInstanceOf(InvalidScoreInputException.class)
        .hasMessageContaining("no identities");
  }

  @Test
  void groundTruth_badLine_namesLine() throws IOException {
    Files.writeString(temp.resolve(GroundTruthFile.FILE_NAME), "\n{\"scenario\": \"x\"\n");

    assertThatThrownBy(() -> GroundTruthFile.read(temp, JSON))
        .isInstanceOf(InvalidScoreInputException.class)
        .hasMessageContaining(GroundTruthFile.FILE_NAME + ":2: invalid JSON");
  }

  @Test
  void findings_badLines_skippedWithReasons() throws IOException {
    String lines =
        String.join(
            "\n",
            finding("alice", "2026-01-06T10:00:00Z"),
            "",
            "{not json",
            finding("bob", "yesterday"),
            "[1, 2]",
            "{\"rule_id\": \"r\", \"severity\": \"low\", \"first_seen\": \"2026-01-06T10:00:00Z\"}",
            finding(null, "2026-01-06T11:00:00Z"));

    FindingsFile file =
        FindingsFile.read(
            "found.jsonl", new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), JSON);

    assertThat(file.findings()).extracting(ScoredFinding::principal).containsExactly("alice", null);
    assertThat(file.findings().get(0).firstSeen()).isEqualTo(Instant.parse("2026-01-06T10:00:00Z"));
    assertThat(file.findings().get(0).severity()).isEqualTo("medium");
    assertThat(file.skipped()).isEqualTo(4);
    assertThat(file.skippedReasons())
        .containsExactly(
            "found.jsonl:3: invalid JSON: Unexpected character ('n' (code 110)): was expecting"
                + " double-quote to start field name",
            "found.jsonl:4: field 'first_seen' is not an ISO-8601 time: 'yesterday'",
            "found.jsonl:5: not a JSON object",
            "found.jsonl:6: field 'title' is missing or not a string");
  }

  @Test
  void findings_twoObjectsOnOneLine_skipped() throws IOException {
    String line = finding("alice", "2026-01-06T10:00:00Z") + finding("bob", "2026-01-06T10:00:00Z");

    FindingsFile file = read(line);

    assertThat(file.findings()).isEmpty();
    assertThat(file.skippedReasons()).hasSize(1);
    assertThat(file.skippedReasons().get(0)).startsWith("found.jsonl:1: invalid JSON: ");
  }

  @Test
  void findings_lastSeenBeforeFirstSeen_skipped() throws IOException {
    FindingsFile file = read(finding("alice", "2026-01-06T13:00:00Z"));

    assertThat(file.findings()).isEmpty();
    assertThat(file.skippedReasons())
        .containsExactly(
            "found.jsonl:1: 'last_seen' (2026-01-06T12:00:00Z) is before 'first_seen'"
                + " (2026-01-06T13:00:00Z)");
  }

  @Test
  void findings_unknownSeverity_skipped() throws IOException {
    FindingsFile file = read(finding("alice", "2026-01-06T10:00:00Z").replace("MEDIUM", "urgent"));

    assertThat(file.findings()).isEmpty();
    assertThat(file.skippedReasons())
        .containsExactly(
            "found.jsonl:1: field 'severity' is 'urgent', expected informational, low, medium,"
                + " high or critical");
  }

  @Test
  void findings_evidenceEventIds_readAsText() throws IOException {
    String withEvidence =
        finding("alice", "2026-01-06T10:00:00Z")
            .replace(
                "}",
                ", \"evidence\": [{\"event_id\": \"e-1\"}, {\"event_id\": 7},"
                    + " {\"event_id\": true}, {\"event_id\": {\"id\": \"e-3\"}},"
                    + " {\"time\": \"2026-01-06T10:00:00Z\"}, {\"event_id\": \"e-2\"}]}");
    String badEvidence = finding("bob", "2026-01-06T10:00:00Z").replace("}", ", \"evidence\": 3}");

    FindingsFile file =
        read(
            String.join("\n", withEvidence, badEvidence, finding("carol", "2026-01-06T10:00:00Z")));

    assertThat(file.skipped()).isZero();
    assertThat(file.findings().get(0).eventIds()).containsExactlyInAnyOrder("e-1", "7", "e-2");
    assertThat(file.findings().get(1).eventIds()).isEmpty();
    assertThat(file.findings().get(2).eventIds()).isEmpty();
  }

  /**
   * A score needs only the evidence ids that the ground truth lists. With every id kept, a file of
   * 300,000 findings of 20 evidence events each did not fit in {@code -Xmx512m}.
   */
  @Test
  void findings_evidenceIdsOutsideFilter_notKept() throws IOException {
    String withEvidence =
        finding("alice", "2026-01-06T10:00:00Z")
            .replace(
                "}",
                ", \"evidence\": [{\"event_id\": \"e-1\"}, {\"event_id\": \"benign-1\"},"
                    + " {\"event_id\": \"benign-2\"}]}");
    String benignOnly =
        finding("bob", "2026-01-06T10:00:00Z")
            .replace("}", ", \"evidence\": [{\"event_id\": \"benign-3\"}]}");

    FindingsFile file =
        FindingsFile.read(
            "found.jsonl",
            new ByteArrayInputStream(
                String.join("\n", withEvidence, benignOnly).getBytes(StandardCharsets.UTF_8)),
            JSON,
            Set.of("e-1", "e-2")::contains);

    assertThat(file.skipped()).isZero();
    assertThat(file.findings().get(0).eventIds()).containsExactly("e-1");
    assertThat(file.findings().get(1).eventIds()).isEmpty();
  }

  @Test
  void findings_gzip_readByContent() throws IOException {
    String lines =
        finding("alice", "2026-01-06T10:00:00Z") + "\n" + finding("bob", "2026-01-06T10:00:00Z");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(lines.getBytes(StandardCharsets.UTF_8));
    }

    FindingsFile file =
        FindingsFile.read("found.jsonl.gz", new ByteArrayInputStream(bytes.toByteArray()), JSON);

    assertThat(file.skippedReasons()).isEmpty();
    assertThat(file.findings())
        .extracting(ScoredFinding::principal)
        .containsExactly("alice", "bob");
  }

  @Test
  void manifest_fractionalCount_rejected() throws IOException {
    Files.writeString(
        temp.resolve(CorpusManifest.FILE_NAME),
        "{\"identities\": 2.7, \"machineIdentities\": 1, \"start\": \"2026-01-05T00:00:00Z\","
            + " \"end\": \"2026-01-06T00:00:00Z\"}");

    assertThatThrownBy(() -> CorpusManifest.read(temp, JSON))
        .isInstanceOf(InvalidScoreInputException.class)
        .hasMessageContaining("field 'identities' must be a count, found 2.7");
  }

  @Test
  void manifest_countsOverflowingInt_rejected() throws IOException {
    Files.writeString(
        temp.resolve(CorpusManifest.FILE_NAME),
        "{\"identities\": 2147483647, \"machineIdentities\": 1,"
            + " \"start\": \"2026-01-05T00:00:00Z\", \"end\": \"2026-01-06T00:00:00Z\"}");

    assertThatThrownBy(() -> CorpusManifest.read(temp, JSON))
        .isInstanceOf(InvalidScoreInputException.class)
        .hasMessageContaining("too many identities");
  }

  @Test
  void groundTruth_missing_saysNotFound() {
    assertThatThrownBy(() -> GroundTruthFile.read(temp, JSON))
        .isInstanceOf(InvalidScoreInputException.class)
        .hasMessage(temp.resolve(GroundTruthFile.FILE_NAME) + ": ground truth not found");
  }

  private static FindingsFile read(String lines) throws IOException {
    return FindingsFile.read(
        "found.jsonl", new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), JSON);
  }

  private static String finding(String principal, String firstSeen) {
    return "{\"rule_id\": \"r\", \"title\": \"T\", \"severity\": \"MEDIUM\", \"principal\": "
        + (principal == null ? "null" : "\"" + principal + "\"")
        + ", \"first_seen\": \""
        + firstSeen
        + "\", \"last_seen\": \"2026-01-06T12:00:00Z\"}";
  }
}
