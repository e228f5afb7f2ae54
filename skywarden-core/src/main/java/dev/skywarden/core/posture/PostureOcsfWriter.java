package dev.skywarden.core.posture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.catalog.Tactic;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.finding.Technique;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes each result as an OCSF 1.8.0 Compliance Finding (class 2003, activity Create), one JSON
 * object per line, with the {@code cloud} profile.
 *
 * <ul>
 *   <li>{@code compliance}: {@code control} is the CRI Profile statement, {@code requirements} the
 *       CSF 2.0 subcategory and the NIST SP 800-53 r5 controls, {@code standards} both frameworks,
 *       {@code status_id} pass, fail or warning (not evaluated), {@code status_details} the detail,
 *       {@code checks} the check with its id, title and severity.
 *   <li>{@code finding_info.attacks}: ATT&CK T1059.009 with each mitigation the check evidences.
 *   <li>{@code resources}: the identity, key or scope the result is about.
 *   <li>{@code severity_id}: the check severity for a failure, Informational otherwise.
 * </ul>
 *
 * <p>The finding uid is the first 32 hex digits of SHA-256 over {@code
 * checkId|status|scope|resource|detail}, so the same exports give the same uids. Thread-safe.
 */
public final class PostureOcsfWriter implements PostureWriter {

  /** The OCSF schema version the output follows. */
  public static final String OCSF_VERSION = "1.8.0";

  /** The technique whose mitigations the checks evidence. */
  public static final String TECHNIQUE = "T1059.009";

  static final int CLASS_UID = 2003;
  static final int CATEGORY_UID = 2;
  static final int ACTIVITY_CREATE = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final CheckCatalog checks;
  private final ControlCatalog attack;

  /** Creates a writer with the bundled check and ATT&CK catalogues. */
  public PostureOcsfWriter() {
    this(CheckCatalog.bundled(), ControlCatalog.bundled());
  }

  /** Creates a writer with the given catalogues. */
  public PostureOcsfWriter(CheckCatalog checks, ControlCatalog attack) {
    this.checks = Objects.requireNonNull(checks, "checks");
    this.attack = Objects.requireNonNull(attack, "attack");
  }

  @Override
  public void write(PostureResult result, String productVersion, Instant time, Writer out)
      throws IOException {
    for (CheckResult item : result.results()) {
      out.write(MAPPER.writeValueAsString(toJson(item, productVersion, time)));
      out.write('\n');
    }
    out.flush();
  }

  /** Builds the Compliance Finding of one result. */
  public ObjectNode toJson(CheckResult result, String productVersion, Instant time) {
    CheckDefinition check = result.check();
    Severity severity =
        result.status() == CheckStatus.FAIL ? check.severity() : Severity.INFORMATIONAL;
    String uid = uid(result);

    ObjectNode event = MAPPER.createObjectNode();
    event.put("activity_id", ACTIVITY_CREATE);
    event.put("activity_name", "Create");
    event.put("category_uid", CATEGORY_UID);
    event.put("category_name", "Findings");
    event.put("class_uid", CLASS_UID);
    event.put("class_name", "Compliance Finding");
    event.put("type_uid", (long) CLASS_UID * 100 + ACTIVITY_CREATE);
    event.put("type_name", "Compliance Finding: Create");
    event.put("severity_id", severity.ocsfSeverityId());
    event.put("severity", caption(severity));
    event.put("status_id", 1);
    event.put("status", "New");
    event.put("time", time.toEpochMilli());
    event.put("message", check.title() + ": " + result.detail());

    ObjectNode metadata = event.putObject("metadata");
    metadata.put("version", OCSF_VERSION);
    metadata.put("uid", uid);
    metadata.putArray("profiles").add("cloud");
    metadata
        .putObject("product")
        .put("name", "Skywarden")
        .put("vendor_name", "Skywarden")
        .put("version", productVersion);

    ObjectNode info = event.putObject("finding_info");
    info.put("uid", uid);
    info.put("title", check.title());
    info.put("desc", result.detail());
    info.putArray("types").add("Posture");
    info.putObject("analytic")
        .put("uid", check.id())
        .put("name", check.title())
        .put("type_id", 1)
        .put("type", "Rule");
    info.set("attacks", attacks(check));

    event.set("compliance", compliance(result, severity));
    event.putObject("remediation").put("desc", check.remediation());
    event.set("cloud", cloud(result));
    ArrayNode resources = event.putArray("resources");
    ObjectNode resource = resources.addObject();
    resource.put("uid", result.resource());
    resource.put("type", result.resourceType() == null ? "scope" : result.resourceType());
    if (result.scope() != null) {
      resource.put("namespace", result.scope());
    }
    ObjectNode unmapped = event.putObject("unmapped");
    unmapped.put("check_family", check.family());
    if (result.source() != null) {
      unmapped.put("source_file", result.source());
    }
    return event;
  }

  private ObjectNode compliance(CheckResult result, Severity severity) {
    CheckDefinition check = result.check();
    ObjectNode compliance = MAPPER.createObjectNode();
    compliance.put("control", check.criStatement());
    compliance.putArray("standards").add("NIST SP 800-53 Rev. 5").add("CSF 2.0 (CRI Profile v2.1)");
    ArrayNode requirements = compliance.putArray("requirements");
    requirements.add(check.csfSubcategory());
    check.nistControls().forEach(requirements::add);
    compliance.put("status_id", result.status().ocsfStatusId());
    compliance.put("status", result.status().ocsfCaption());
    if (result.detail() != null) {
      compliance.putArray("status_details").add(result.detail());
    }
    ObjectNode item = compliance.putArray("checks").addObject();
    item.put("uid", check.id());
    item.put("name", check.title());
    item.put("desc", check.remediation());
    item.put("severity_id", severity.ocsfSeverityId());
    item.put("severity", caption(severity));
    item.put("status_id", result.status().ocsfStatusId());
    item.put("status", result.status().ocsfCaption());
    ArrayNode standards = item.putArray("standards");
    standards.add("CSF 2.0 " + check.criStatement());
    check.nistControls().forEach(control -> standards.add("NIST SP 800-53 r5 " + control));
    return compliance;
  }

  private ArrayNode attacks(CheckDefinition check) {
    ArrayNode attacks = MAPPER.createArrayNode();
    Technique sub = attack.resolve(TECHNIQUE);
    Technique parent = attack.resolve(TECHNIQUE.substring(0, TECHNIQUE.indexOf('.')));
    for (String mitigation : check.mitigations()) {
      ObjectNode entry = attacks.addObject();
      entry.put("version", attack.attackVersion());
      entry.putObject("technique").put("uid", parent.id()).put("name", parent.name());
      entry.putObject("sub_technique").put("uid", sub.id()).put("name", sub.name());
      if (!sub.tactics().isEmpty()) {
        String tacticName = sub.tactics().get(0);
        ObjectNode tactic = entry.putObject("tactic").put("name", tacticName);
        Optional<Tactic> known = attack.tactic(tacticName);
        known.ifPresent(t -> tactic.put("uid", t.id()));
      }
      entry
          .putObject("mitigation")
          .put("uid", mitigation)
          .put("name", checks.mitigationName(mitigation));
    }
    return attacks;
  }

  private static ObjectNode cloud(CheckResult result) {
    ObjectNode cloud = MAPPER.createObjectNode();
    String provider = result.check().provider();
    cloud.put("provider", provider);
    String scope = result.scope();
    if (scope != null && !scope.equals("/") && !scope.startsWith("managementGroups/")) {
      ObjectNode account = cloud.putObject("account").put("uid", scope);
      switch (provider) {
        case "aws" -> account.put("type_id", 10).put("type", "AWS Account");
        case "azure" -> account.put("type_id", 13).put("type", "Azure Subscription");
        default -> account.put("type_id", 11).put("type", "GCP Project");
      }
    }
    return cloud;
  }

  private static String caption(Severity severity) {
    return switch (severity) {
      case INFORMATIONAL -> "Informational";
      case LOW -> "Low";
      case MEDIUM -> "Medium";
      case HIGH -> "High";
      case CRITICAL -> "Critical";
    };
  }

  /** Returns the stable uid of a result. */
  static String uid(CheckResult result) {
    String text =
        String.join(
            "|",
            result.check().id(),
            result.status().name(),
            Objects.toString(result.scope(), ""),
            result.resource(),
            Objects.toString(result.detail(), ""));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
