package dev.skywarden.core.posture;

import static dev.skywarden.core.posture.PostureFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.event.ClientFingerprint;
import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.PrincipalPosture;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.mappings.PostureCheck;
import dev.skywarden.core.report.OcsfSchemaValidator;
import dev.skywarden.core.testing.SharedData;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostureOutputTest {

  private static final Instant TIME = Instant.parse("2025-03-02T12:00:00Z");

  private static PostureResult sample(Path dir) throws IOException {
    write(
        dir,
        "policy.json",
        "{\"bindings\": [{\"role\": \"roles/owner\", \"members\":"
            + " [\"user:a@example.com\"]}, {\"role\": \"roles/viewer\", \"members\": [\"user:b@example.com\"]}]}");
    write(
        dir,
        "r.csv",
        PostureFixtures.REPORT_HEADER
            + "bob,arn:aws:iam::1:user/bob,N/A,true,N/A,false,false,N/A,N/A,false,N/A,N/A\n");
    return PostureFixtures.audit(dir);
  }

  @Test
  void ocsf_validatesAsComplianceFinding(@TempDir Path dir) throws IOException {
    Path schema = SharedData.require("reference/ocsf-schema");
    StringWriter out = new StringWriter();
    new PostureOcsfWriter().write(sample(dir), "0.1.0", TIME, out);

    List<String> errors =
        new OcsfSchemaValidator(schema).validateLines(out.toString(), "compliance_finding");

    assertThat(errors).isEmpty();
    JsonNode first = new ObjectMapper().readTree(out.toString().lines().findFirst().orElseThrow());
    assertThat(first.path("class_uid").asInt()).isEqualTo(2003);
    assertThat(first.path("compliance").path("status_id").asInt()).isEqualTo(3);
    assertThat(first.path("compliance").path("control").asText()).isEqualTo("PR.AA-05.02");
    assertThat(
            first
                .path("finding_info")
                .path("attacks")
                .get(0)
                .path("mitigation")
                .path("uid")
                .asText())
        .startsWith("M10");
  }

  @Test
  void jsonl_resultsThenControlSummaries(@TempDir Path dir) throws IOException {
    StringWriter out = new StringWriter();
    new PostureJsonLinesWriter().write(sample(dir), "0.1.0", TIME, out);
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> lines =
        out.toString()
            .lines()
            .map(
                line -> {
                  try {
                    return mapper.readTree(line);
                  } catch (IOException e) {
                    throw new AssertionError(line, e);
                  }
                })
            .toList();

    assertThat(lines.get(0).path("record").asText()).isEqualTo("result");
    assertThat(lines.get(0).path("status").asText()).isEqualTo("fail");
    assertThat(lines)
        .filteredOn(l -> l.path("record").asText().equals("control"))
        .anySatisfy(
            l -> {
              assertThat(l.path("control").asText()).isEqualTo("IA-2");
              assertThat(l.path("failed").asInt()).isPositive();
            });
  }

  @Test
  void table_showsFailuresAndControls(@TempDir Path dir) throws IOException {
    StringWriter out = new StringWriter();
    new PostureTableWriter().write(sample(dir), "0.1.0", TIME, out);

    assertThat(out.toString())
        .contains("GCP-PRIM-01", "user:a@example.com", "AWS-MFA-02", "By control", "PR.AA-05.02");
  }

  @Test
  void catalog_everyCheckNamesControlsMitigationAndRemediation() {
    CheckCatalog catalog = CheckCatalog.bundled();

    assertThat(catalog.all()).hasSizeGreaterThanOrEqualTo(30);
    assertThat(catalog.all())
        .allSatisfy(
            check -> {
              assertThat(check.criStatement()).startsWith(check.csfSubcategory() + ".");
              assertThat(check.nistControls()).isNotEmpty();
              assertThat(check.mitigations()).allMatch(id -> id.matches("M1\\d{3}"));
              assertThat(check.remediation()).isNotBlank();
            });
    assertThat(catalog.checks()).extracting(PostureCheck::id).contains("AWS-MFA-01", "GCP-EXT-01");
  }

  private static Finding finding(Severity severity, String principal) {
    return new Finding(
        "id1",
        "rule",
        "title",
        severity,
        List.of(),
        CloudProvider.AWS,
        "1",
        principal,
        "USER",
        List.of(),
        List.of(),
        (ClientFingerprint) null,
        List.of(),
        TIME,
        TIME,
        1,
        List.of(),
        "rule matched.");
  }

  @Test
  void enricher_raisesRiskyPrincipalOneLevel(@TempDir Path dir) throws IOException {
    write(
        dir,
        "a.json",
        PostureFixtures.details(
            List.of(
                PostureFixtures.user(
                    "1",
                    "bob",
                    "[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]",
                    "[]"),
                PostureFixtures.user("1", "amy", "[]", "[]")),
            List.of()));
    write(
        dir,
        "r.csv",
        PostureFixtures.REPORT_HEADER
            + "bob,arn:aws:iam::1:user/bob,N/A,true,N/A,false,false,N/A,N/A,false,N/A,N/A\n");
    PostureEnricher enricher = new PostureEnricher(PostureFixtures.audit(dir).index());

    Finding high = enricher.enrich(finding(Severity.HIGH, "arn:aws:iam::1:user/bob"));
    Finding low = enricher.enrich(finding(Severity.LOW, "arn:aws:iam::1:user/bob"));
    Finding plain = enricher.enrich(finding(Severity.HIGH, "arn:aws:iam::1:user/amy"));
    Finding unknown = enricher.enrich(finding(Severity.HIGH, "arn:aws:iam::1:user/zed"));

    assertThat(high.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(high.explanation())
        .contains("raised from high to critical", "privileged without MFA")
        .startsWith("rule matched; severity raised");
    assertThat(high.id()).isEqualTo("id1");
    assertThat(high.posture()).extracting(PrincipalPosture::privileged).isEqualTo(true);
    assertThat(low.severity()).isEqualTo(Severity.LOW);
    assertThat(low.posture()).isNotNull();
    assertThat(plain.severity()).isEqualTo(Severity.HIGH);
    assertThat(plain.posture().privileged()).isFalse();
    assertThat(unknown.posture()).isNull();
    assertThat(PostureEnricher.raise(Severity.CRITICAL)).isEqualTo(Severity.CRITICAL);
  }
}
