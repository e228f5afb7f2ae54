package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.report.OcsfSchemaValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Checks the JSON Lines and OCSF outputs of {@code hunt examples/} line by line. */
class HuntFormatTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The fields of a native finding, in the order the writer emits them. */
  private static final List<String> JSONL_FIELDS =
      List.of(
          "id",
          "rule_id",
          "title",
          "severity",
          "provider",
          "account",
          "principal",
          "principal_type",
          "first_seen",
          "last_seen",
          "count",
          "failed_count",
          "techniques",
          "nist_800_53_r5",
          "csf_2_0",
          "credentials",
          "source_addresses",
          "operations",
          "error_codes",
          "resources",
          "client",
          "clients",
          "truncated",
          "explanation",
          "posture",
          "behaviour",
          "incident",
          "evidence");

  /**
   * The statistics line for {@code examples/}, printed on standard error unless the findings go to
   * standard output as a table.
   */
  static final String EXAMPLES_STATISTICS =
      "skywarden: 8 files, 57 records, 56 events, 1 skipped" + System.lineSeparator();

  private static final Pattern FINDINGS_HEADING = Pattern.compile("^Findings \\((\\d+)\\)$");

  /** A row of an "Expected findings" table in docs/examples.md: rule title and level. */
  private static final Pattern EXPECTED_ROW =
      Pattern.compile("^\\| ([^|]+?) \\| (informational|low|medium|high|critical) \\|");

  @Test
  void jsonl_everyLineHasTheFindingFields() throws IOException {
    Cli.Result result = Cli.run("hunt", "--format", "jsonl", Cli.EXAMPLES);

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isZero();
          softly.assertThat(result.err()).as("statistics line").isEqualTo(EXAMPLES_STATISTICS);
        });
    List<String> lines = result.out().lines().toList();
    assertThat(lines).as("one line per finding of the table").hasSize(tableFindingCount());
    for (String line : lines) {
      JsonNode finding = MAPPER.readTree(line);
      List<String> fields = new ArrayList<>();
      finding.fieldNames().forEachRemaining(fields::add);

      assertThat(fields).as(line).containsExactlyElementsOf(JSONL_FIELDS);
      assertThat(finding.get("id").asText()).as(line).matches("[0-9a-f]{32}");
      assertThat(finding.get("severity").asText())
          .as(line)
          .isIn("informational", "low", "medium", "high", "critical");
      assertThat(finding.get("provider").asText()).as(line).isIn("aws", "azure", "gcp");
      assertThat(finding.get("count").asLong()).as(line).isPositive();
      assertThat(finding.get("techniques")).as(line).isNotEmpty();
      assertThat(finding.get("evidence")).as(line).isNotEmpty();
      for (JsonNode evidence : finding.get("evidence")) {
        assertThat(evidence.get("file").asText()).as(line).startsWith("examples/");
        assertThat(evidence.get("record").asLong()).as(line).isPositive();
      }
    }
  }

  @Test
  void jsonl_rulesMatchExpectedFindingsInDocs() throws IOException {
    Cli.Result result = Cli.run("hunt", "--format", "jsonl", Cli.EXAMPLES);

    Set<String> found = new TreeSet<>();
    for (String line : result.out().lines().toList()) {
      JsonNode finding = MAPPER.readTree(line);
      found.add(finding.get("title").asText() + " | " + finding.get("severity").asText());
    }
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(found).as("rule titles and levels").isEqualTo(expectedInDocs());
  }

  @Test
  void ocsf_everyLineValidAgainstSchema() throws IOException {
    Path schema = sharedDirectory().resolve("reference/ocsf-schema");
    assumeTrue(
        Files.isDirectory(schema),
        "OCSF schema not present, test skipped: " + schema.toAbsolutePath());
    OcsfSchemaValidator validator = new OcsfSchemaValidator(schema);

    Cli.Result result = Cli.run("hunt", "--format", "ocsf", Cli.EXAMPLES);
    int findings = tableFindingCount();

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isZero();
          softly.assertThat(result.err()).as("statistics line").isEqualTo(EXAMPLES_STATISTICS);
          softly
              .assertThat(result.out().lines())
              .as("one line per finding of the table")
              .hasSize(findings);
          softly
              .assertThat(validator.validateLines(result.out(), "detection_finding"))
              .as("OCSF errors and warnings")
              .isEmpty();
        });
  }

  /** Returns the number in the {@code Findings (N)} heading of the golden table. */
  private static int tableFindingCount() throws IOException {
    for (String line : HuntGoldenTest.golden().lines().toList()) {
      Matcher heading = FINDINGS_HEADING.matcher(line);
      if (heading.matches()) {
        return Integer.parseInt(heading.group(1));
      }
    }
    throw new AssertionError("no 'Findings (N)' heading in " + HuntGoldenTest.GOLDEN);
  }

  /** Reads the rule titles and levels of the "Expected findings" tables in docs/examples.md. */
  private static Set<String> expectedInDocs() throws IOException {
    Set<String> expected = new TreeSet<>();
    for (String line : Files.readAllLines(Path.of("docs/examples.md"), StandardCharsets.UTF_8)) {
      Matcher row = EXPECTED_ROW.matcher(line);
      if (row.find()) {
        expected.add(row.group(1) + " | " + row.group(2));
      }
    }
    assertThat(expected).as("expected findings in docs/examples.md").isNotEmpty();
    return expected;
  }

  /**
   * Returns the shared data folder: the system property {@code skywarden.shared.dir} set by
   * Surefire, else {@code ../shared} beside the repository root.
   */
  static Path sharedDirectory() {
    String configured = System.getProperty("skywarden.shared.dir");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of("..", "shared");
  }
}
