package dev.skywarden.core.report.html;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.finding.Evidence;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.Technique;
import dev.skywarden.core.report.MappedControls;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings of the HTML report in the compact form the page reads. A report of thousands of
 * findings repeats the same technique and control names and evidence file paths in every finding,
 * so each name and path is written once and findings refer to it:
 *
 * <ul>
 *   <li>{@code catalog.techniques}: technique id to {@code {name, tactics}}; a finding's {@code
 *       techniques} lists ids.
 *   <li>{@code catalog.nist}: NIST SP 800-53 r5 control id to name; {@code catalog.csf}: CRI
 *       Profile statement id to {@code {name, subcategory}}; a finding's {@code nist_800_53_r5} and
 *       {@code csf_2_0} list ids.
 *   <li>{@code files}: the inputs the evidence was read from; each evidence event is an array
 *       {@code [time, event id, service, operation, source address, file index, line, record]}.
 * </ul>
 *
 * <p>Only the fields the page shows, sorts, filters or searches are written; the JSON Lines format
 * has the rest. Not thread-safe: one call builds one report.
 */
final class CompactFindings {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CompactFindings() {}

  /**
   * Builds the findings array and fills the shared name tables.
   *
   * @param findings the findings in report order
   * @param catalog resolves control names
   * @param names receives {@code techniques}, {@code nist} and {@code csf}
   * @param files receives the evidence files in order of first use
   */
  static ArrayNode json(
      List<Finding> findings, ControlCatalog catalog, ObjectNode names, ArrayNode files) {
    ObjectNode techniques = names.putObject("techniques");
    ObjectNode nist = names.putObject("nist");
    ObjectNode csf = names.putObject("csf");
    Map<String, Integer> fileIndex = new HashMap<>();

    ArrayNode array = MAPPER.createArrayNode();
    for (Finding finding : findings) {
      ObjectNode node = array.addObject();
      node.put("id", finding.id());
      node.put("rule_id", finding.ruleId());
      node.put("title", finding.title());
      node.put("severity", finding.severity().sigmaLevel());
      node.put("provider", finding.provider().id());
      node.put("account", finding.account());
      node.put("principal", finding.principal());
      node.put("principal_type", finding.principalType());
      node.put("first_seen", iso(finding.firstSeen()));
      node.put("last_seen", iso(finding.lastSeen()));
      node.put("count", finding.count());
      node.put("client_summary", finding.client() == null ? "" : finding.client().summary());
      strings(node.putArray("source_addresses"), finding.sourceAddresses());
      strings(node.putArray("operations"), finding.operations());
      node.put("explanation", finding.explanation());

      ArrayNode techniqueIds = node.putArray("techniques");
      for (Technique technique : finding.techniques()) {
        techniqueIds.add(technique.id());
        if (!techniques.has(technique.id())) {
          ObjectNode entry = techniques.putObject(technique.id());
          entry.put("name", technique.name());
          strings(entry.putArray("tactics"), technique.tactics());
        }
      }
      MappedControls controls = MappedControls.of(finding, catalog);
      ArrayNode nistIds = node.putArray("nist_800_53_r5");
      for (MappedControls.Control control : controls.nist()) {
        nistIds.add(control.id());
        nist.put(control.id(), control.name());
      }
      ArrayNode csfIds = node.putArray("csf_2_0");
      for (MappedControls.Control control : controls.csf()) {
        csfIds.add(control.id());
        csf.putObject(control.id())
            .put("name", control.name())
            .put("subcategory", control.subcategory());
      }

      ArrayNode evidence = node.putArray("evidence");
      for (Evidence item : finding.evidence()) {
        String file = item.location().input();
        Integer index = fileIndex.get(file);
        if (index == null) {
          index = fileIndex.size();
          fileIndex.put(file, index);
          files.add(file);
        }
        ArrayNode event = evidence.addArray();
        event.add(iso(item.time()));
        event.add(item.eventId());
        event.add(item.service());
        event.add(item.operation());
        event.add(item.sourceAddress());
        event.add(index);
        event.add(item.location().line());
        event.add(item.location().recordIndex());
      }
    }
    return array;
  }

  private static String iso(Instant time) {
    return ReportModel.iso(time);
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
