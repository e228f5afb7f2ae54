package dev.skywarden.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.catalog.Tactic;
import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.NetworkInfo;
import dev.skywarden.core.finding.Evidence;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.Incident;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.finding.Technique;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes findings as OCSF 1.8.0 Detection Finding events (class 2004, activity Create), one JSON
 * object per line, with the {@code cloud} profile.
 *
 * <p>Where the parts of a finding go:
 *
 * <ul>
 *   <li>{@code finding_info}: uid (the finding id), title, desc (the explanation), types (the
 *       technique names), analytic (rule id, title, type Rule), attacks (one per technique and
 *       tactic, ATT&CK version of the catalogue), first and last seen times.
 *   <li>{@code evidences}: one entry per kept evidence event: uid (the event id), the actor, the
 *       {@code api} operation and service, the {@code src_endpoint}, and the event time and source
 *       location under {@code data}.
 *   <li>{@code remediation.desc} names the mapped NIST SP 800-53 r5 controls and CSF 2.0
 *       statements, and {@code unmapped} contains them as structured lists, because the Detection
 *       Finding class has no compliance object (that is class 2003, Compliance Finding).
 *   <li>{@code status_detail} states how many of the calls failed and with which error codes, such
 *       as {@code 3 of 5 calls failed: AccessDenied}, and is absent when none failed; {@code
 *       unmapped.failed_count} and {@code unmapped.error_codes} contain the same as values.
 *   <li>{@code unmapped.clients} lists the client summaries and {@code unmapped.truncated} names
 *       the capped lists that had more distinct values than the finding keeps.
 *   <li>{@code resources}: the resources the evidence events touched (ARNs, Azure resource ids, GCP
 *       resource names), absent when the events name none. The principal is not a resource here: it
 *       is the {@code actor} of each evidence.
 *   <li>{@code unmapped.principal_posture}: the principal's posture when a posture audit knew it.
 *   <li>Behavioural findings: {@code finding_info.analytic} has type Behavioral (2), {@code
 *       anomaly_analyses} holds one Anomaly Analysis (the identity as analysis target, each new or
 *       rare feature as an anomaly, the history as baseline), and {@code unmapped.behaviour} the
 *       same structured explanation as the JSON Lines {@code behaviour} object.
 * </ul>
 *
 * <p>Times are epoch milliseconds. {@code time} is {@link HuntSummary#time()}. Thread-safe.
 */
public final class OcsfFindingWriter implements LineFindingWriter {

  /** The OCSF schema version the output follows. */
  public static final String OCSF_VERSION = "1.8.0";

  static final int CATEGORY_UID = 2;
  static final int CLASS_UID = 2004;
  static final int ACTIVITY_CREATE = 1;
  static final int STATUS_NEW = 1;
  static final int ANALYTIC_TYPE_RULE = 1;
  static final int ANALYTIC_TYPE_BEHAVIORAL = 2;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ControlCatalog catalog;

  /** Creates a writer that resolves techniques and controls in the bundled catalogue. */
  public OcsfFindingWriter() {
    this(ControlCatalog.bundled());
  }

  /** Creates a writer that resolves techniques and controls in the given catalogue. */
  public OcsfFindingWriter(ControlCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public String toLine(Finding finding, HuntSummary summary) {
    try {
      return MAPPER.writeValueAsString(toJson(finding, summary));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("failed to serialise finding " + finding.id(), e);
    }
  }

  /** Builds the Detection Finding event of one finding. */
  public ObjectNode toJson(Finding finding, HuntSummary summary) {
    ObjectNode event = MAPPER.createObjectNode();
    event.put("activity_id", ACTIVITY_CREATE);
    event.put("activity_name", "Create");
    event.put("category_uid", CATEGORY_UID);
    event.put("category_name", "Findings");
    event.put("class_uid", CLASS_UID);
    event.put("class_name", "Detection Finding");
    event.put("type_uid", (long) CLASS_UID * 100 + ACTIVITY_CREATE);
    event.put("type_name", "Detection Finding: Create");
    event.put("severity_id", finding.severity().ocsfSeverityId());
    event.put("severity", severityCaption(finding.severity()));
    event.put("status_id", STATUS_NEW);
    event.put("status", "New");
    if (finding.anyFailed()) {
      event.put("status_detail", failureDetail(finding));
    }
    event.put("is_alert", true);
    event.put("time", summary.time().toEpochMilli());
    event.put("start_time", millis(finding.firstSeen()));
    event.put("end_time", millis(finding.lastSeen()));
    // OCSF count is integer_t (32-bit); a larger count is capped rather than overflowing.
    event.put("count", (int) Math.min(finding.count(), Integer.MAX_VALUE));
    event.put("message", finding.title() + ": " + finding.explanation());

    event.set("metadata", metadata(finding, summary));
    event.set("finding_info", findingInfo(finding));
    event.set("cloud", cloud(finding));
    event.set("evidences", evidences(finding));
    if (!finding.resources().isEmpty()) {
      event.set("resources", resources(finding));
    }

    MappedControls controls = MappedControls.of(finding, catalog);
    if (!controls.nist().isEmpty() || !controls.csf().isEmpty()) {
      event.set("remediation", remediation(controls));
    }
    if (finding.behavioural()) {
      event.putArray("anomaly_analyses").add(BehaviourJson.anomalyAnalysis(finding.behaviour()));
    }
    ObjectNode unmapped = unmapped(finding, controls);
    if (finding.isIncident()) {
      unmapped.set("incident", JsonLinesFindingWriter.incident(finding.incident()));
    }
    event.set("unmapped", unmapped);
    return event;
  }

  private ObjectNode metadata(Finding finding, HuntSummary summary) {
    ObjectNode metadata = MAPPER.createObjectNode();
    metadata.put("version", OCSF_VERSION);
    metadata.put("uid", finding.id());
    metadata.putArray("profiles").add("cloud");
    metadata
        .putObject("product")
        .put("name", "Skywarden")
        .put("vendor_name", "Skywarden")
        .put("version", summary.productVersion());
    return metadata;
  }

  private ObjectNode findingInfo(Finding finding) {
    ObjectNode info = MAPPER.createObjectNode();
    info.put("uid", finding.id());
    info.put("title", finding.title());
    info.put("desc", finding.explanation());
    ArrayNode types = info.putArray("types");
    finding.techniques().forEach(technique -> types.add(technique.name()));
    info.putObject("analytic")
        .put("uid", finding.ruleId())
        .put("name", finding.title())
        .put("type_id", finding.behavioural() ? ANALYTIC_TYPE_BEHAVIORAL : ANALYTIC_TYPE_RULE)
        .put("type", finding.behavioural() ? "Behavioral" : "Rule");
    ArrayNode attacks = info.putArray("attacks");
    for (Technique technique : finding.techniques()) {
      for (ObjectNode attack : attacks(technique)) {
        attacks.add(attack);
      }
    }
    info.put("first_seen_time", millis(finding.firstSeen()));
    info.put("last_seen_time", millis(finding.lastSeen()));
    if (finding.isIncident()) {
      // OCSF links an incident to the findings it chains through related_events.
      ArrayNode related = info.putArray("related_events");
      for (Incident.Step step : finding.incident().steps()) {
        related
            .addObject()
            .put("uid", step.findingId())
            .put("title", step.title())
            .put("severity_id", step.severity().ocsfSeverityId())
            .put("first_seen_time", millis(step.firstSeen()))
            .put("last_seen_time", millis(step.lastSeen()))
            .put("desc", step.stage().label() + " by " + step.principal());
      }
      info.put("related_events_count", related.size());
    }
    return info;
  }

  /** Returns one attack object per tactic of the technique, or one without a tactic. */
  private List<ObjectNode> attacks(Technique technique) {
    ObjectNode base = MAPPER.createObjectNode();
    base.put("version", catalog.attackVersion());
    int dot = technique.id().indexOf('.');
    if (dot > 0) {
      Technique parent = catalog.resolve(technique.id().substring(0, dot));
      base.putObject("technique").put("uid", parent.id()).put("name", parent.name());
      base.putObject("sub_technique").put("uid", technique.id()).put("name", technique.name());
    } else {
      base.putObject("technique").put("uid", technique.id()).put("name", technique.name());
    }
    List<ObjectNode> attacks = new ArrayList<>();
    for (String tacticName : technique.tactics()) {
      Optional<Tactic> tactic = catalog.tactic(tacticName);
      ObjectNode attack = base.deepCopy();
      ObjectNode tacticNode = attack.putObject("tactic").put("name", tacticName);
      tactic.ifPresent(t -> tacticNode.put("uid", t.id()));
      attacks.add(attack);
    }
    if (attacks.isEmpty()) {
      attacks.add(base);
    }
    return attacks;
  }

  private static ObjectNode cloud(Finding finding) {
    ObjectNode cloud = MAPPER.createObjectNode();
    cloud.put("provider", finding.provider().id());
    if (finding.account() != null) {
      ObjectNode account = cloud.putObject("account").put("uid", finding.account());
      switch (finding.provider()) {
        case AWS -> account.put("type_id", 10).put("type", "AWS Account");
        case AZURE -> account.put("type_id", 13).put("type", "Azure Subscription");
        case GCP -> account.put("type_id", 11).put("type", "GCP Project");
      }
    }
    return cloud;
  }

  /** Adds the AS and country of the network intel to an OCSF network endpoint. */
  private static void addNetwork(ObjectNode endpoint, NetworkInfo network) {
    if (network == null) {
      return;
    }
    if (network.asn() != null) {
      ObjectNode system = endpoint.putObject("autonomous_system").put("number", network.asn());
      if (network.asOrganization() != null) {
        system.put("name", network.asOrganization());
      }
    }
    if (network.country() != null) {
      endpoint.putObject("location").put("country", network.country());
    }
  }

  private static ArrayNode evidences(Finding finding) {
    ArrayNode evidences = MAPPER.createArrayNode();
    for (Evidence item : finding.evidence()) {
      ObjectNode evidence = evidences.addObject();
      evidence.put("uid", item.eventId());
      evidence.set("actor", actor(finding));
      if (item.operation() != null) {
        ObjectNode api = evidence.putObject("api").put("operation", item.operation());
        if (item.service() != null) {
          api.putObject("service").put("name", item.service());
        }
      }
      if (!item.sourceAddress().isEmpty()) {
        ObjectNode endpoint = evidence.putObject("src_endpoint");
        if (looksLikeIp(item.sourceAddress())) {
          endpoint.put("ip", item.sourceAddress());
        } else {
          endpoint.put("name", item.sourceAddress());
        }
        addNetwork(endpoint, item.network());
      }
      ObjectNode data = evidence.putObject("data");
      if (item.network() != null) {
        data.set("network", JsonLinesFindingWriter.network(item.network()));
      }
      data.put("time", millis(item.time()))
          .put("file", item.location().input())
          .put("record", item.location().recordIndex())
          .put("line", item.location().line());
    }
    return evidences;
  }

  private static ObjectNode actor(Finding finding) {
    ObjectNode actor = MAPPER.createObjectNode();
    ObjectNode user = actor.putObject("user");
    user.put("name", finding.principal());
    ActorType type = actorType(finding.principalType());
    int typeId = userTypeId(type);
    user.put("type_id", typeId);
    user.put("type", typeId == 99 ? finding.principalType() : USER_TYPE_CAPTIONS[typeId]);
    if (!finding.credentials().isEmpty()) {
      ArrayNode credentials = user.putArray("programmatic_credentials");
      finding.credentials().forEach(id -> credentials.addObject().put("uid", id));
    }
    return actor;
  }

  private static final String[] USER_TYPE_CAPTIONS = {
    "Unknown", "User", "Admin", "System", "Service"
  };

  /** Maps the identity kind to the OCSF user {@code type_id}: 0-4 or 99 (Other). */
  private static int userTypeId(ActorType type) {
    return switch (type) {
      case USER, FEDERATED_USER -> 1;
      case ROOT -> 2;
      case CLOUD_SERVICE -> 3;
      case SERVICE_PRINCIPAL, MANAGED_IDENTITY, SERVICE_ACCOUNT -> 4;
      case UNKNOWN -> 0;
      case ROLE_SESSION, OTHER_ACCOUNT -> 99;
    };
  }

  private static ActorType actorType(String name) {
    for (ActorType type : ActorType.values()) {
      if (type.name().equals(name)) {
        return type;
      }
    }
    return ActorType.UNKNOWN;
  }

  private static ArrayNode resources(Finding finding) {
    ArrayNode resources = MAPPER.createArrayNode();
    for (String uid : finding.resources()) {
      resources.addObject().put("uid", uid).put("provider", finding.provider().id());
    }
    return resources;
  }

  private static ObjectNode remediation(MappedControls controls) {
    StringBuilder desc =
        new StringBuilder("Review this activity against the controls mapped to its techniques.");
    if (!controls.nist().isEmpty()) {
      desc.append(" NIST SP 800-53 r5: ").append(join(controls.nist())).append('.');
    }
    if (!controls.csf().isEmpty()) {
      desc.append(" CSF 2.0 (CRI Profile v2.1): ").append(join(controls.csf())).append('.');
    }
    return MAPPER.createObjectNode().put("desc", desc.toString());
  }

  private static String join(List<MappedControls.Control> controls) {
    List<String> parts = new ArrayList<>();
    for (MappedControls.Control control : controls) {
      parts.add(control.id() + " " + control.name());
    }
    return String.join(", ", parts);
  }

  private static ObjectNode unmapped(Finding finding, MappedControls controls) {
    ObjectNode unmapped = MAPPER.createObjectNode();
    ArrayNode nist = unmapped.putArray("nist_800_53_r5");
    controls.nist().forEach(c -> nist.addObject().put("uid", c.id()).put("name", c.name()));
    ArrayNode csf = unmapped.putArray("csf_2_0");
    controls
        .csf()
        .forEach(
            c ->
                csf.addObject()
                    .put("uid", c.id())
                    .put("name", c.name())
                    .put("subcategory", c.subcategory()));
    unmapped.put("principal_type", finding.principalType());
    unmapped.put("failed_count", finding.failedCount());
    ArrayNode errorCodes = unmapped.putArray("error_codes");
    finding.errorCodes().forEach(errorCodes::add);
    if (finding.client() != null) {
      unmapped.put("client", finding.client().summary());
    }
    ArrayNode clients = unmapped.putArray("clients");
    finding.clients().forEach(clients::add);
    ArrayNode truncated = unmapped.putArray("truncated");
    finding.truncated().forEach(list -> truncated.add(list.fieldName()));
    if (finding.posture() != null) {
      unmapped.set("principal_posture", JsonLinesFindingWriter.posture(finding.posture()));
    }
    if (finding.behavioural()) {
      unmapped.set("behaviour", BehaviourJson.toJson(finding.behaviour()));
    }
    return unmapped;
  }

  /** Returns text such as {@code 3 of 5 calls failed: AccessDenied, Throttling}. */
  static String failureDetail(Finding finding) {
    String share;
    if (finding.count() == 1 && finding.allFailed()) {
      share = "the call failed";
    } else if (finding.allFailed()) {
      share = "all " + finding.count() + " calls failed";
    } else {
      share = finding.failedCount() + " of " + finding.count() + " calls failed";
    }
    return finding.errorCodes().isEmpty()
        ? share
        : share + ": " + String.join(", ", finding.errorCodes());
  }

  private static String severityCaption(Severity severity) {
    return switch (severity) {
      case INFORMATIONAL -> "Informational";
      case LOW -> "Low";
      case MEDIUM -> "Medium";
      case HIGH -> "High";
      case CRITICAL -> "Critical";
    };
  }

  /**
   * Tells IP literals (which contain only hex digits, dots and colons) from host or service names.
   */
  private static boolean looksLikeIp(String text) {
    return text.matches("[0-9.]+") || (text.contains(":") && text.matches("[0-9A-Fa-f:.]+"));
  }

  private static long millis(Instant time) {
    return time.toEpochMilli();
  }
}
