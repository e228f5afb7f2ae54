package dev.skywarden.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.event.ClientFingerprint;
import dev.skywarden.core.event.NetworkInfo;
import dev.skywarden.core.finding.Evidence;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.Incident;
import dev.skywarden.core.finding.PrincipalPosture;
import dev.skywarden.core.finding.Technique;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * Writes Skywarden's native finding format: one JSON object per line, fields always in the same
 * order, times as ISO-8601 UTC text ({@code 2025-03-01T10:00:00Z}). Absent values are JSON {@code
 * null}, so every line has every field.
 *
 * <p>Fields: {@code id, rule_id, title, severity, provider, account, principal, principal_type,
 * first_seen, last_seen, count, failed_count, techniques[{id, name, tactics}], nist_800_53_r5[{id,
 * name}], csf_2_0[{id, name, subcategory}], credentials, source_addresses, operations, error_codes,
 * client{kind, product, version, labels}, explanation, posture{principal, type, privileged, mfa,
 * access, external, failed_checks} (null without a posture audit), behaviour{subject, identity,
 * features[{kind, value, rarity, first_seen, last_seen, count}], features_truncated,
 * history{source, window_start, window_end, events, first_seen, last_seen}, peer_group, peer_count,
 * history_level} (null for rule findings), incident{stages, identities, linked_by, window_seconds,
 * steps} (null unless the finding is an attack sequence), evidence[{event_id, time, service,
 * operation, source, file, record, line, network}]}, where {@code network} is present only when the
 * hunt had network intel. The summary is not written. Thread-safe.
 */
public final class JsonLinesFindingWriter implements LineFindingWriter {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ControlCatalog catalog;

  /** Creates a writer that names controls from the bundled catalogue. */
  public JsonLinesFindingWriter() {
    this(ControlCatalog.bundled());
  }

  /** Creates a writer that names controls from the given catalogue. */
  public JsonLinesFindingWriter(ControlCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public String toLine(Finding finding, HuntSummary summary) {
    try {
      return MAPPER.writeValueAsString(toJson(finding));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("failed to serialise finding " + finding.id(), e);
    }
  }

  /** Builds the JSON object of one finding. */
  public ObjectNode toJson(Finding finding) {
    ObjectNode node = MAPPER.createObjectNode();
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
    node.put("failed_count", finding.failedCount());

    ArrayNode techniques = node.putArray("techniques");
    for (Technique technique : finding.techniques()) {
      ObjectNode entry = techniques.addObject();
      entry.put("id", technique.id());
      entry.put("name", technique.name());
      strings(entry.putArray("tactics"), technique.tactics());
    }
    MappedControls controls = MappedControls.of(finding, catalog);
    ArrayNode nist = node.putArray("nist_800_53_r5");
    for (MappedControls.Control control : controls.nist()) {
      nist.addObject().put("id", control.id()).put("name", control.name());
    }
    ArrayNode csf = node.putArray("csf_2_0");
    for (MappedControls.Control control : controls.csf()) {
      csf.addObject()
          .put("id", control.id())
          .put("name", control.name())
          .put("subcategory", control.subcategory());
    }

    strings(node.putArray("credentials"), finding.credentials());
    strings(node.putArray("source_addresses"), finding.sourceAddresses());
    strings(node.putArray("operations"), finding.operations());
    strings(node.putArray("error_codes"), finding.errorCodes());
    strings(node.putArray("resources"), finding.resources());
    node.set("client", client(finding.client()));
    strings(node.putArray("clients"), finding.clients());
    ArrayNode truncated = node.putArray("truncated");
    finding.truncated().forEach(list -> truncated.add(list.fieldName()));
    node.put("explanation", finding.explanation());
    node.set("posture", posture(finding.posture()));
    node.set("behaviour", BehaviourJson.toJson(finding.behaviour()));

    node.set(
        "incident", finding.isIncident() ? incident(finding.incident()) : NullNode.getInstance());

    ArrayNode evidence = node.putArray("evidence");
    for (Evidence item : finding.evidence()) {
      ObjectNode entry = evidence.addObject();
      entry
          .put("event_id", item.eventId())
          .put("time", iso(item.time()))
          .put("service", item.service())
          .put("operation", item.operation())
          .put("source", item.sourceAddress())
          .put("file", item.location().input())
          .put("record", item.location().recordIndex())
          .put("line", item.location().line());
      if (item.network() != null) {
        entry.set("network", network(item.network()));
      }
    }
    return node;
  }

  /**
   * Builds the network intel object of an evidence source: kind, provider, service, region, asn,
   * as_organization, country and anonymizer, each null when unknown, and its label.
   */
  static ObjectNode network(NetworkInfo info) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("kind", info.kind().name().toLowerCase(java.util.Locale.ROOT));
    node.put("provider", info.provider());
    node.put("service", info.service());
    node.put("region", info.region());
    node.put("asn", info.asn());
    node.put("as_organization", info.asOrganization());
    node.put("country", info.country());
    node.put("anonymizer", info.anonymizer());
    node.put("label", info.label());
    return node;
  }

  /**
   * Builds the incident object of an attack sequence: stages, identities, linked_by, window_seconds
   * and the steps in time order, each with finding_id, rule_id, title, severity, stage, provider,
   * principal, first_seen and last_seen.
   */
  static ObjectNode incident(Incident incident) {
    ObjectNode node = MAPPER.createObjectNode();
    ArrayNode stages = node.putArray("stages");
    incident.stages().forEach(stage -> stages.add(stage.label()));
    strings(node.putArray("identities"), incident.identities());
    node.put("linked_by", incident.linkedBy());
    node.put("window_seconds", incident.window().toSeconds());
    ArrayNode steps = node.putArray("steps");
    for (Incident.Step step : incident.steps()) {
      steps
          .addObject()
          .put("finding_id", step.findingId())
          .put("rule_id", step.ruleId())
          .put("title", step.title())
          .put("severity", step.severity().sigmaLevel())
          .put("stage", step.stage().label())
          .put("provider", step.provider().id())
          .put("principal", step.principal())
          .put("first_seen", iso(step.firstSeen()))
          .put("last_seen", iso(step.lastSeen()));
    }
    return node;
  }

  /** Builds the posture object of a finding, or JSON null when there is none. */
  static JsonNode posture(PrincipalPosture posture) {
    if (posture == null) {
      return NullNode.getInstance();
    }
    ObjectNode node = MAPPER.createObjectNode();
    node.put("principal", posture.principal());
    node.put("type", posture.type());
    node.put("privileged", posture.privileged());
    if (posture.mfa() == null) {
      node.putNull("mfa");
    } else {
      node.put("mfa", posture.mfa());
    }
    node.put("access", posture.access().name().toLowerCase(java.util.Locale.ROOT));
    node.put("external", posture.external());
    strings(node.putArray("failed_checks"), posture.failedChecks());
    return node;
  }

  private static ObjectNode client(ClientFingerprint client) {
    ObjectNode node = MAPPER.createObjectNode();
    if (client == null) {
      return node.putNull("kind");
    }
    node.put("kind", client.kind().name());
    node.put("product", client.product());
    node.put("version", client.version());
    strings(node.putArray("labels"), client.labels());
    return node;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  /**
   * Formats an instant as ISO-8601 UTC, such as {@code 2025-03-01T10:00:00.250Z}; null stays null.
   */
  static String iso(Instant time) {
    return time == null ? null : DateTimeFormatter.ISO_INSTANT.format(time);
  }
}
