package dev.skywarden.core.posture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;

/**
 * Writes one JSON object per line: first every result ({@code "record": "result"}), then one
 * summary per control ({@code "record": "control"}). Fields of a result: {@code check_id, title,
 * status, severity, provider, family, scope, resource, resource_type, detail, source,
 * csf_subcategory, cri_statement, nist_800_53_r5, attack_mitigations, remediation}. Thread-safe.
 */
public final class PostureJsonLinesWriter implements PostureWriter {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public void write(PostureResult result, String productVersion, Instant time, Writer out)
      throws IOException {
    for (CheckResult item : result.results()) {
      out.write(MAPPER.writeValueAsString(toJson(item)));
      out.write('\n');
    }
    for (ControlSummary summary : result.controlSummaries()) {
      ObjectNode node = MAPPER.createObjectNode();
      node.put("record", "control");
      node.put("framework", summary.framework());
      node.put("control", summary.controlId());
      node.put("passed", summary.passed().size());
      node.put("failed", summary.failed().size());
      node.put("not_evaluated", summary.notEvaluated().size());
      node.put("failures", summary.failures());
      summary.passed().forEach(node.putArray("passed_checks")::add);
      summary.failed().forEach(node.putArray("failed_checks")::add);
      summary.notEvaluated().forEach(node.putArray("not_evaluated_checks")::add);
      out.write(MAPPER.writeValueAsString(node));
      out.write('\n');
    }
    out.flush();
  }

  /** Builds the JSON object of one result. */
  public static ObjectNode toJson(CheckResult result) {
    CheckDefinition check = result.check();
    ObjectNode node = MAPPER.createObjectNode();
    node.put("record", "result");
    node.put("check_id", check.id());
    node.put("title", check.title());
    node.put("status", result.status().label());
    node.put("severity", check.severity().sigmaLevel());
    node.put("provider", check.provider());
    node.put("family", check.family());
    node.put("scope", result.scope());
    node.put("resource", result.resource());
    node.put("resource_type", result.resourceType());
    node.put("detail", result.detail());
    node.put("source", result.source());
    node.put("csf_subcategory", check.csfSubcategory());
    node.put("cri_statement", check.criStatement());
    check.nistControls().forEach(node.putArray("nist_800_53_r5")::add);
    check.mitigations().forEach(node.putArray("attack_mitigations")::add);
    node.put("remediation", check.remediation());
    return node;
  }
}
