package dev.skywarden.core.report.html;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.Technique;
import dev.skywarden.core.report.html.ActivitySampler.PrincipalActivity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds the story of one principal for the report: its activity (sampled, or else what its
 * findings contain), the attack steps in time order and its posture.
 */
final class PrincipalStory {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PrincipalStory() {}

  /**
   * Returns the JSON of one principal.
   *
   * @param findings the principal's findings; empty for a principal shown for context
   * @param sampled the sampled activity, or {@code null} when the principal was not sampled
   * @param posture the principal's posture, or {@code null}
   * @param allPosture the posture of all principals, or {@code null} when posture was not loaded
   */
  static ObjectNode json(
      PrincipalKey key,
      List<Finding> findings,
      PrincipalActivity sampled,
      PrincipalPosture posture,
      Map<PrincipalKey, PrincipalPosture> allPosture) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("key", key.id());
    node.put("provider", key.provider().id());
    node.put("account", key.account());
    node.put("principal", key.principal());
    node.put("principal_type", findings.isEmpty() ? "" : findings.get(0).principalType());

    List<Finding> byTime = new ArrayList<>(findings);
    byTime.sort(Comparator.comparing(Finding::firstSeen).thenComparing(Finding::id));
    ArrayNode ids = node.putArray("findings");
    byTime.forEach(finding -> ids.add(finding.id()));

    if (sampled != null) {
      sampledActivity(node, sampled);
    } else {
      findingActivity(node, byTime);
    }
    node.set("steps", steps(byTime));
    node.set("posture", posture(posture, allPosture));
    return node;
  }

  private static void sampledActivity(ObjectNode node, PrincipalActivity sampled) {
    node.put("activity_source", "sampled");
    node.put("events", sampled.events());
    node.put("failures", sampled.failures());
    node.put("first_seen", ReportModel.iso(sampled.firstSeen()));
    node.put("last_seen", ReportModel.iso(sampled.lastSeen()));
    node.put("bucket_minutes", sampled.bucketMinutes());
    ArrayNode timeline = node.putArray("timeline");
    sampled
        .timeline()
        .forEach((start, count) -> timeline.addArray().add(start.toEpochMilli()).add(count));
    node.set("clients", ReportModel.firstUses(sampled.clients(), sampled.firstSeen()));
    node.set("networks", ReportModel.firstUses(sampled.networks(), sampled.firstSeen()));
    node.set("operations", ReportModel.firstUses(sampled.operations(), sampled.firstSeen()));
  }

  /** Lists the values that findings contain, without first-use times. */
  private static void findingActivity(ObjectNode node, List<Finding> findings) {
    node.put("activity_source", "findings");
    long events = 0;
    TreeSet<String> clients = new TreeSet<>();
    TreeSet<String> networks = new TreeSet<>();
    TreeSet<String> operations = new TreeSet<>();
    for (Finding finding : findings) {
      events += finding.count();
      if (finding.client() != null) {
        clients.add(finding.client().summary());
      }
      networks.addAll(finding.sourceAddresses());
      operations.addAll(finding.operations());
    }
    node.put("events", events);
    node.put("failures", 0);
    node.put(
        "first_seen", findings.isEmpty() ? null : ReportModel.iso(findings.get(0).firstSeen()));
    node.put(
        "last_seen",
        findings.stream()
            .map(Finding::lastSeen)
            .max(Comparator.naturalOrder())
            .map(ReportModel::iso)
            .orElse(null));
    node.put("bucket_minutes", 0);
    node.putArray("timeline");
    node.set("clients", plain(clients));
    node.set("networks", plain(networks));
    node.set("operations", plain(operations));
  }

  private static ArrayNode plain(java.util.SortedSet<String> values) {
    ArrayNode array = MAPPER.createArrayNode();
    for (String value : values) {
      array.addObject().put("value", value).putNull("first_seen").put("count", 0).put("new", false);
    }
    return array;
  }

  private static ArrayNode steps(List<Finding> byTime) {
    ArrayNode steps = MAPPER.createArrayNode();
    int number = 1;
    for (Finding finding : byTime) {
      ObjectNode step = steps.addObject();
      step.put("step", number++);
      step.put("time", ReportModel.iso(finding.firstSeen()));
      step.put("finding", finding.id());
      step.put("title", finding.title() == null ? finding.ruleId() : finding.title());
      step.put("severity", finding.severity().sigmaLevel());
      TreeSet<String> tactics = new TreeSet<>();
      ArrayNode techniques = step.putArray("techniques");
      for (Technique technique : finding.techniques()) {
        techniques.add(technique.id() + " " + technique.name());
        tactics.addAll(technique.tactics());
      }
      ArrayNode tacticArray = step.putArray("tactics");
      tactics.forEach(tacticArray::add);
    }
    return steps;
  }

  private static ObjectNode posture(
      PrincipalPosture posture, Map<PrincipalKey, PrincipalPosture> allPosture) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("loaded", allPosture != null);
    ArrayNode items = node.putArray("items");
    if (posture != null) {
      for (PrincipalPosture.Item item : posture.items()) {
        items
            .addObject()
            .put("check", item.checkId())
            .put("title", item.title())
            .put("status", item.status())
            .put("detail", item.detail());
      }
    }
    return node;
  }
}
