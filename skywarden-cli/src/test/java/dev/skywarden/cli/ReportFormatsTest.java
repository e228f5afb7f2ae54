package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code hunt} with the CSV, ASFF and Navigator formats and {@code coverage}. */
class ReportFormatsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int EXAMPLE_FINDINGS = ExampleFindings.read().total();

  @TempDir Path temp;

  @Test
  void csv_headerAndOneRowPerFinding() {
    Cli.Result result = Cli.run("hunt", "--format", "csv", Cli.EXAMPLES);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).startsWith("id,severity,rule_id,title,");
    // No example value contains a line break, so every CRLF ends a record.
    assertThat(result.out().split("\r\n", -1)).hasSize(EXAMPLE_FINDINGS + 2);
  }

  @Test
  void asff_oneFindingPerFinding() throws IOException {
    Cli.Result result = Cli.run("hunt", "--format", "asff", Cli.EXAMPLES);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode findings = MAPPER.readTree(result.out());
    assertThat(findings).hasSize(EXAMPLE_FINDINGS);
    for (JsonNode finding : findings) {
      assertThat(finding.path("SchemaVersion").asText()).isEqualTo("2018-10-08");
      assertThat(finding.path("AwsAccountId").asText()).matches("\\d{12}");
      assertThat(finding.path("Resources")).isNotEmpty();
    }
  }

  @Test
  void navigator_layerOfTechniquesHit() throws IOException {
    Cli.Result result = Cli.run("hunt", "--format", "navigator", Cli.EXAMPLES);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode layer = MAPPER.readTree(result.out());
    assertThat(layer.path("versions").path("layer").asText()).isEqualTo("4.5");
    assertThat(layer.path("domain").asText()).isEqualTo("enterprise-attack");
    assertThat(new TreeSet<>(layer.path("techniques").findValuesAsText("techniqueID")))
        .contains("T1059.009", "T1651", "T1562.008");
  }

  @Test
  void coverage_layerOfBuiltinRules() throws IOException {
    Cli.Result result = Cli.run("coverage");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode layer = MAPPER.readTree(result.out());
    assertThat(layer.path("versions").path("attack").asText()).matches("\\d+");
    JsonNode cloudApi = null;
    for (JsonNode technique : layer.path("techniques")) {
      if (technique.path("techniqueID").asText().equals("T1059.009")) {
        cloudApi = technique;
      }
    }
    assertThat(cloudApi).as("T1059.009 in the coverage layer").isNotNull();
    assertThat(cloudApi.path("score").asInt()).isGreaterThan(1);
    assertThat(cloudApi.path("tactic").asText()).isEqualTo("execution");
  }

  @Test
  void coverageControls_listsEvidenceAndGaps() {
    Cli.Result result = Cli.run("coverage", "--controls");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("NIST SP 800-53 r5 (nist_800_53_r5)")
        .contains("AWS (aws)")
        .contains("amazon_guardduty")
        .contains("Controls mapped to T1059.009 that no posture check evidences")
        .doesNotContain("nist_800_53_r4   ");
  }

  @Test
  void coverageControls_mappedNotEvidenced() {
    Cli.Result result = Cli.run("coverage", "--controls");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .doesNotContain("Evidenced by")
        .contains("Mapped to techniques the loaded rules detect")
        .containsPattern("(?m)^  AC-2 .*evidenced by posture checks ");
    String gaps = result.out().substring(result.out().indexOf("that no posture check evidences"));
    assertThat(gaps).as("AC-2 is evidenced by posture checks").doesNotContain(" AC-2 ");

    Cli.Result mappings = Cli.run("mappings", "T1059.009");
    String notEvidenced = mappings.out().substring(mappings.out().indexOf("not evidenced"));
    assertThat(notEvidenced).as(mappings.toString()).doesNotContain("NIST SP 800-53 r5");
  }

  @Test
  void asff_accountAndRegionApplied() throws IOException {
    Cli.Result result =
        Cli.run(
            "hunt",
            "--format",
            "asff",
            "--aws-account",
            "444455556666",
            "--aws-region",
            "eu-west-1",
            Cli.EXAMPLES);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode array = new ObjectMapper().readTree(result.out());
    TreeSet<String> arns = new TreeSet<>(array.findValuesAsText("ProductArn"));
    TreeSet<String> accounts = new TreeSet<>(array.findValuesAsText("AwsAccountId"));
    assertThat(arns)
        .containsExactly("arn:aws:securityhub:eu-west-1:444455556666:product/444455556666/default");
    assertThat(accounts).containsExactly("444455556666");
    assertThat(Cli.run("hunt", "-f", "asff", "--aws-account", "12", Cli.EXAMPLES).exitCode())
        .isEqualTo(2);
  }

  @Test
  void coverageRules_reportsBrokenFilesAndCountsIdOnce() throws IOException {
    Path folder = temp.resolve("rules");
    Path kali = RuleFiles.write(folder.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS);
    RuleFiles.write(folder.resolve("copy/kali-again.yml"), RuleFiles.KALI_LIST_BUCKETS);
    Path broken = RuleFiles.write(folder.resolve("broken.yml"), RuleFiles.UNKNOWN_MODIFIER);
    Path yaml = RuleFiles.write(folder.resolve("not-yaml.yml"), "title: [unclosed\n");

    Cli.Result without = Cli.run("coverage");
    Cli.Result with = Cli.run("coverage", "--rules", folder.toString());

    assertThat(with.exitCode()).as(with.toString()).isZero();
    assertThat(with.err())
        .as("broken files with their location")
        .contains("skywarden: " + broken + ":8:15: ")
        .contains("skywarden: " + yaml + ":")
        .contains("rule id " + RuleFiles.KALI_RULE_ID + " is also used by")
        .contains("skywarden: loaded ")
        .contains("(2 not loaded)");
    assertThat(with.err()).as("the first copy is the one counted").contains(kali.toString());
    int added = score(with, "T1619") - score(without, "T1619");
    assertThat(added).as("one high rule (weight 3) although loaded twice").isEqualTo(3);
  }

  private static int score(Cli.Result result, String technique) throws IOException {
    assertThat(result.exitCode()).as(result.toString()).isZero();
    for (JsonNode entry : MAPPER.readTree(result.out()).path("techniques")) {
      if (entry.path("techniqueID").asText().equals(technique)) {
        return entry.path("score").asInt();
      }
    }
    return 0;
  }
}
