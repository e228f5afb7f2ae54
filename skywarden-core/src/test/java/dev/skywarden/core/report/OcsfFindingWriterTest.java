package dev.skywarden.core.report;

import static dev.skywarden.core.finding.TestHits.event;
import static dev.skywarden.core.finding.TestHits.failed;
import static dev.skywarden.core.finding.TestHits.hit;
import static dev.skywarden.core.finding.TestHits.touching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.testing.SharedData;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OcsfFindingWriterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HuntSummary SUMMARY =
      new HuntSummary("0.1.0-test", Instant.parse("2025-03-02T00:00:00Z"), List.of());

  private static List<Finding> findings;

  @BeforeAll
  static void aggregate() {
    FindingAggregator aggregator = new FindingAggregator();
    for (int i = 0; i < 25; i++) {
      aggregator.add(
          hit(
              "rule-a",
              Severity.HIGH,
              event(
                  "alice",
                  i,
                  i + 1,
                  "AKIAEXAMPLE" + (i % 3),
                  "198.51.100." + (i % 4 + 1),
                  "CreateAccessKey")));
    }
    aggregator.add(
        hit(
            "rule-b",
            Severity.CRITICAL,
            touching(
                event("bob", 3, 40, null, "2001:db8::7", "PutBucketPolicy"),
                "arn:aws:s3:::exfil-bucket")));
    aggregator.add(
        hit(
            "rule-c",
            Severity.HIGH,
            failed(event("mallory", 5, 50, null, "203.0.113.9", "StopLogging"), "AccessDenied")));
    findings = aggregator.findings();
  }

  private static OcsfSchemaValidator validator() {
    return new OcsfSchemaValidator(SharedData.require("reference/ocsf-schema"));
  }

  private static String output() throws IOException {
    StringWriter out = new StringWriter();
    new OcsfFindingWriter().write(findings, SUMMARY, out);
    return out.toString();
  }

  @Test
  void output_validAgainstDetectionFindingSchema() throws IOException {
    OcsfSchemaValidator validator = validator();
    String text = output();

    assertThat(text.lines()).hasSize(3);
    assertThat(validator.validateLines(text, "detection_finding")).isEmpty();
  }

  @Test
  void output_classificationAndTimes() throws IOException {
    JsonNode first = MAPPER.readTree(output().lines().findFirst().orElseThrow());

    assertThat(first.get("class_uid").asInt()).isEqualTo(2004);
    assertThat(first.get("category_uid").asInt()).isEqualTo(2);
    assertThat(first.get("type_uid").asLong()).isEqualTo(200401);
    assertThat(first.get("severity_id").asInt()).isEqualTo(5);
    assertThat(first.get("severity").asText()).isEqualTo("Critical");
    assertThat(first.get("time").asLong()).isEqualTo(SUMMARY.time().toEpochMilli());
    assertThat(first.path("metadata").path("product").path("name").asText()).isEqualTo("Skywarden");
    assertThat(first.path("metadata").path("version").asText()).isEqualTo("1.8.0");
    assertThat(first.path("finding_info").path("first_seen_time").asLong())
        .isEqualTo(findings.get(0).firstSeen().toEpochMilli());
    assertThat(first.path("cloud").path("provider").asText()).isEqualTo("aws");
  }

  @Test
  void output_attacksAndControls() throws IOException {
    JsonNode first = MAPPER.readTree(output().lines().findFirst().orElseThrow());
    JsonNode attack = first.path("finding_info").path("attacks").get(0);

    assertThat(attack.path("technique").path("uid").asText()).isEqualTo("T1059");
    assertThat(attack.path("sub_technique").path("uid").asText()).isEqualTo("T1059.009");
    assertThat(attack.path("sub_technique").path("name").asText()).isEqualTo("Cloud API");
    assertThat(attack.path("tactic").path("uid").asText()).isEqualTo("TA0002");
    assertThat(attack.path("version").asText()).isEqualTo("18.1");
    assertThat(first.path("unmapped").path("nist_800_53_r5").findValuesAsText("uid"))
        .contains("AC-2", "SI-4");
    assertThat(first.path("unmapped").path("csf_2_0").findValuesAsText("uid"))
        .contains("PR.AA-05.02");
    assertThat(first.path("remediation").path("desc").asText()).contains("AC-6 Least Privilege");
  }

  @Test
  void output_evidencesCarryActorSourceAndApi() throws IOException {
    JsonNode second = MAPPER.readTree(output().lines().skip(1).findFirst().orElseThrow());
    JsonNode evidences = second.path("evidences");

    assertThat(evidences.get(0).path("actor").path("user").path("name").asText())
        .isEqualTo("arn:aws:iam::111122223333:user/alice");
    assertThat(evidences).hasSize(FindingAggregator.MAX_EVIDENCE);
    assertThat(new TreeSet<>(evidences.findValuesAsText("ip")))
        .containsExactly("198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4");
    assertThat(evidences.findValuesAsText("operation"))
        .hasSize(FindingAggregator.MAX_EVIDENCE)
        .containsOnly("CreateAccessKey");
    assertThat(evidences.get(1).path("src_endpoint").path("ip").asText()).isEqualTo("198.51.100.2");
    assertThat(second.path("count").asInt()).isEqualTo(25);
  }

  @Test
  void validator_reportsBrokenLine() throws IOException {
    OcsfSchemaValidator validator = validator();
    ObjectNode broken = (ObjectNode) MAPPER.readTree(output().lines().findFirst().orElseThrow());
    broken.remove("finding_info");
    broken.put("severity_id", 7);
    broken.put("type_uid", 200402);
    broken.put("time", "2025-03-02T00:00:00Z");
    broken.put("colour", "red");
    ((ObjectNode) broken.get("metadata")).putArray("profiles");
    ((ArrayNode) broken.get("evidences")).addObject();
    ((ObjectNode) broken.path("evidences").get(0).path("actor").path("user")).put("type_id", "1");

    List<String> errors = validator.validate(broken, "detection_finding").errors();

    assertThat(errors).anyMatch(e -> e.startsWith("$.finding_info: required attribute missing"));
    assertThat(errors).anyMatch(e -> e.startsWith("$.severity_id: value 7 not in enum"));
    assertThat(errors)
        .anyMatch(e -> e.startsWith("$.type_uid: expected class_uid * 100 + activity_id = 200401"));
    assertThat(errors).anyMatch(e -> e.startsWith("$.time: expected timestamp_t"));
    assertThat(errors).anyMatch(e -> e.startsWith("$.colour: unknown attribute"));
    assertThat(errors).anyMatch(e -> e.startsWith("$.cloud: belongs to profile 'cloud'"));
    assertThat(errors).anyMatch(e -> e.contains("needs at least one of"));
    assertThat(errors)
        .anyMatch(e -> e.startsWith("$.evidences[0].actor.user.type_id: expected integer_t"));
  }

  @Test
  void validator_reportsSiblingAndDeprecated() throws IOException {
    OcsfSchemaValidator validator = validator();
    ObjectNode broken = (ObjectNode) MAPPER.readTree(output().lines().findFirst().orElseThrow());
    broken.put("severity", "Low");
    ((ObjectNode) broken.path("evidences").get(0).path("actor").path("user"))
        .put("credential_uid", "AKIA");

    OcsfSchemaValidator.Result result = validator.validate(broken, "detection_finding");

    assertThat(result.errors())
        .anyMatch(e -> e.startsWith("$.severity_id: sibling severity is \"Low\""));
    assertThat(result.warnings())
        .anyMatch(w -> w.startsWith("$.evidences[0].actor.user.credential_uid: deprecated"));
  }

  @Test
  void output_failedCallsInStatusDetail() throws IOException {
    JsonNode failedFinding = null;
    JsonNode succeeded = null;
    for (String line : output().lines().toList()) {
      JsonNode node = MAPPER.readTree(line);
      if (node.at("/finding_info/analytic/uid").asText().equals("rule-c")) {
        failedFinding = node;
      } else if (node.at("/finding_info/analytic/uid").asText().equals("rule-b")) {
        succeeded = node;
      }
    }

    assertThat(failedFinding).isNotNull();
    assertThat(failedFinding.get("status_detail").asText())
        .isEqualTo("the call failed: AccessDenied");
    assertThat(failedFinding.at("/finding_info/desc").asText()).contains("AccessDenied");
    assertThat(failedFinding.at("/unmapped/failed_count").asLong()).isEqualTo(1);
    assertThat(failedFinding.at("/unmapped/error_codes/0").asText()).isEqualTo("AccessDenied");
    assertThat(succeeded).isNotNull();
    assertThat(succeeded.has("status_detail")).isFalse();
  }

  @Test
  void output_resourcesAreTouchedResources() throws IOException {
    JsonNode first = MAPPER.readTree(output().lines().findFirst().orElseThrow());
    JsonNode resources = first.get("resources");

    assertThat(resources).hasSize(1);
    assertThat(resources.get(0).get("uid").asText()).isEqualTo("arn:aws:s3:::exfil-bucket");
    assertThat(resources.get(0).get("provider").asText()).isEqualTo("aws");
    assertThat(first.at("/evidences/0/actor/user/name").asText())
        .isEqualTo("arn:aws:iam::111122223333:user/bob");
  }
}
