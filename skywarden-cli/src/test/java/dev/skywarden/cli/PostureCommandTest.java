package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.report.OcsfSchemaValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code skywarden posture} and {@code hunt --posture} on the example posture exports. */
class PostureCommandTest {

  /** The example posture exports, relative to the repository root. */
  static final String POSTURE = "examples-posture/";

  @Test
  void table_failuresAndControlSummary() {
    Cli.Result result = Cli.run("posture", "--as-of", "2025-03-02", POSTURE);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains(
            "AWS-MFA-01",
            "arn:aws:iam::111122223333:user/ci-legacy",
            "AZ-EXT-01",
            "GCP-KEY-01",
            "By control",
            "DE.CM-06.02",
            "PR.IR-01.06");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void failOn_exitCodeThreeForCriticalFailure() {
    Cli.Result result =
        Cli.run("posture", "--as-of", "2025-03-02", "--fail-on", "critical", POSTURE);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FINDINGS_AT_SEVERITY);
  }

  @Test
  void asOf_invalidDateIsUsageError() {
    Cli.Result result = Cli.run("posture", "--as-of", "March", POSTURE);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(result.err()).contains("--as-of: invalid date 'March'");
  }

  @Test
  void asOf_beforeExportsWarnsAndPrintsNoNegativeAge() {
    Cli.Result result = Cli.run("posture", "--as-of", "2020-01-01", POSTURE);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err())
        .contains("skywarden: warning: ", "after the as-of time 2020-01-01T00:00:00Z");
    assertThat(result.out()).contains("Warning: ").doesNotContainPattern("\\(-\\d+ days");
    assertThat(result.out()).doesNotContainPattern(", -\\d+ days before");
  }

  @Test
  void binaryConfig_errorNamesFileAndSaysNotText(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("posture.bin");
    Files.write(
        config, new byte[] {(byte) 0x1f, (byte) 0x8b, 0x08, 0x00, (byte) 0xff, (byte) 0xfe});

    Cli.Result result = Cli.run("posture", "--config", config.toString(), POSTURE);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.RUNTIME_ERROR);
    assertThat(result.err()).contains(config.toString(), "not UTF-8 text", "YAML or JSON");
    assertThat(result.err()).doesNotContain("Input length");
  }

  @Test
  void misspeltJsonConfig_errorNamesLineAndKnownKeys(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("posture.json");
    Files.writeString(config, "{\n  \"stale_days\": 30,\n  \"prod\": [\"1\"]\n}\n");

    Cli.Result result = Cli.run("posture", "--config", config.toString(), POSTURE);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.RUNTIME_ERROR);
    assertThat(result.err())
        .contains(config + ": line 3: unknown key 'prod'", "known keys: gcp_projects");
  }

  @Test
  void malformedExport_runtimeErrorNamesFileAndField(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("details.json"),
        "{\"RoleDetailList\": [{\"RoleName\": \"r\", \"Arn\": \"not-an-arn\"}]}",
        StandardCharsets.UTF_8);

    Cli.Result result = Cli.run("posture", dir.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.RUNTIME_ERROR);
    assertThat(result.err()).contains("details.json", "$.RoleDetailList[0].Arn", "not-an-arn");
  }

  @Test
  void ocsf_complianceFindingsValidAgainstSchema() throws IOException {
    Path schema = sharedDirectory().resolve("reference/ocsf-schema");
    assumeTrue(Files.isDirectory(schema), "OCSF schema not present, test skipped: " + schema);

    Cli.Result result = Cli.run("posture", "--format", "ocsf", "--as-of", "2025-03-02", POSTURE);
    List<String> errors =
        new OcsfSchemaValidator(schema).validateLines(result.out(), "compliance_finding");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines().count()).isGreaterThan(30);
    assertThat(errors).isEmpty();
  }

  @Test
  void hunt_postureRaisesRiskyPrincipalsAndSaysWhy() throws IOException {
    Cli.Result plain = Cli.run("hunt", "--format", "jsonl", Cli.EXAMPLES);
    Cli.Result enriched = Cli.run("hunt", "--format", "jsonl", "--posture", POSTURE, Cli.EXAMPLES);
    ObjectMapper mapper = new ObjectMapper();

    assertThat(enriched.exitCode()).as(enriched.toString()).isZero();
    assertThat(enriched.err()).contains("skywarden: posture:");
    JsonNode raised = null;
    for (String line : enriched.out().lines().toList()) {
      JsonNode node = mapper.readTree(line);
      if (node.path("principal").asText().equals("dana.ops@contoso.example")
          && node.path("explanation").asText().contains("severity raised")) {
        raised = node;
        break;
      }
    }
    assertThat(raised).as(enriched.out()).isNotNull();
    assertThat(raised.path("explanation").asText()).contains("external identity");
    assertThat(raised.path("posture").path("mfa").asBoolean(true)).isFalse();
    assertThat(raised.path("posture").path("failed_checks").toString()).contains("AZ-MFA-01");
    assertThat(plain.out()).doesNotContain("severity raised");
    assertThat(enriched.out().lines().count()).isEqualTo(plain.out().lines().count());
  }

  @Test
  void hunt_postureTableHasPostureColumn() {
    Cli.Result result = Cli.run("hunt", "--color", "never", "--posture", POSTURE, Cli.EXAMPLES);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("POSTURE", "privileged, MFA no, standing, external");
  }

  @Test
  void hunt_missingPostureFolderIsUsageError() {
    Cli.Result result = Cli.run("hunt", "--posture", "no-such-folder", Cli.EXAMPLES);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(result.err()).contains("posture folder not found: no-such-folder");
  }

  private static Path sharedDirectory() {
    String configured = System.getProperty("skywarden.shared.dir");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of("..", "shared");
  }
}
