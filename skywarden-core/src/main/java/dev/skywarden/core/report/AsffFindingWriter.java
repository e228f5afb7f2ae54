package dev.skywarden.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.finding.Evidence;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.Incident;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.finding.Technique;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;

/**
 * Writes findings in the AWS Security Finding Format (ASFF, {@code SchemaVersion} 2018-10-08) as
 * one JSON array, the shape that {@code aws securityhub batch-import-findings --findings
 * file://FILE} reads.
 *
 * <p>Each finding has the required fields {@code SchemaVersion, Id, ProductArn, GeneratorId,
 * AwsAccountId, Types, CreatedAt, UpdatedAt, Severity.Label, Title, Description, Resources}. The
 * {@code ProductArn} is the default one for a customer's own findings, {@code
 * arn:aws:securityhub:REGION:ACCOUNT:product/ACCOUNT/default}. Findings of Azure and GCP keep their
 * subscription or project in {@code ProductFields} and use the configured AWS account, because ASFF
 * requires a 12-digit AWS account. Types use the ASFF namespace {@code TTPs} with the ATT&CK tactic
 * as category. Times are ISO-8601 UTC and come from the evidence only: {@code CreatedAt} and {@code
 * FirstObservedAt} are the finding's first event, {@code UpdatedAt} and {@code LastObservedAt} its
 * last. So writing the same hunt twice gives the same file, and BatchImportFindings, which updates
 * a finding with the same {@code Id} only when {@code UpdatedAt} is later, changes an imported
 * finding only when a later run saw newer events for it. {@code Title} is cut at 256 and {@code
 * Description} at 1024 characters, the ASFF maximums, and {@code Resources[].Id} at 512. No
 * findings give {@code []}. Thread-safe.
 */
public final class AsffFindingWriter implements FindingWriter {

  /** The ASFF schema version written. */
  public static final String SCHEMA_VERSION = "2018-10-08";

  /** The account used when neither the finding nor the configuration names an AWS account. */
  public static final String UNKNOWN_ACCOUNT = "000000000000";

  static final int MAX_TITLE = 256;
  static final int MAX_DESCRIPTION = 1024;
  static final int MAX_PRODUCT_FIELD = 2048;
  static final int MAX_RESOURCE_ID = 512;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ControlCatalog catalog;
  private final String region;
  private final String defaultAccount;
  private final boolean fixedAccount;

  /**
   * Creates a writer.
   *
   * @param catalog resolves controls of techniques
   * @param region the Security Hub region of the product ARN, such as {@code us-east-1}
   * @param defaultAccount the 12-digit AWS account for findings of other clouds
   * @throws IllegalArgumentException when {@code defaultAccount} is not 12 digits
   */
  public AsffFindingWriter(ControlCatalog catalog, String region, String defaultAccount) {
    this(catalog, region, defaultAccount, false);
  }

  private AsffFindingWriter(
      ControlCatalog catalog, String region, String defaultAccount, boolean fixedAccount) {
    this.fixedAccount = fixedAccount;
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.region = Objects.requireNonNull(region, "region");
    if (!isAwsAccount(defaultAccount)) {
      throw new IllegalArgumentException(
          "invalid AWS account '" + defaultAccount + "': expected 12 digits");
    }
    this.defaultAccount = defaultAccount;
  }

  /**
   * Creates a writer whose findings all carry {@code account} as {@code AwsAccountId} and in the
   * default {@code ProductArn}, as Security Hub's BatchImportFindings requires when that account
   * imports them. The account of each AWS event stays in {@code ProductFields}.
   *
   * @param catalog resolves controls of techniques
   * @param region the Security Hub region that will import the file, such as {@code eu-west-1}
   * @param account the 12-digit AWS account that will import the file
   * @throws IllegalArgumentException when {@code account} is not 12 digits
   */
  public static AsffFindingWriter forImportingAccount(
      ControlCatalog catalog, String region, String account) {
    return new AsffFindingWriter(catalog, region, account, true);
  }

  /** Creates a writer for region {@code us-east-1} and account {@value #UNKNOWN_ACCOUNT}. */
  public AsffFindingWriter() {
    this(ControlCatalog.bundled(), "us-east-1", UNKNOWN_ACCOUNT);
  }

  @Override
  public void write(List<Finding> findings, HuntSummary summary, Writer out) throws IOException {
    ArrayNode array = MAPPER.createArrayNode();
    for (Finding finding : findings) {
      array.add(toJson(finding, summary));
    }
    // An empty array is written compactly as [] (nothing to import).
    out.write(array.isEmpty() ? "[]" : MAPPER.writeValueAsString(array));
    out.write('\n');
    out.flush();
  }

  /** The most entries ASFF accepts in {@code RelatedFindings}. */
  static final int MAX_RELATED_FINDINGS = 10;

  /** Builds the ASFF object of one finding. */
  public ObjectNode toJson(Finding finding, HuntSummary summary) {
    String account = awsAccount(finding);
    ObjectNode node = MAPPER.createObjectNode();
    node.put("SchemaVersion", SCHEMA_VERSION);
    node.put("Id", "skywarden/" + finding.id());
    node.put(
        "ProductArn",
        "arn:aws:securityhub:" + region + ":" + account + ":product/" + account + "/default");
    node.put("ProductName", "Skywarden");
    node.put("CompanyName", "Skywarden");
    node.put("GeneratorId", "skywarden/" + finding.ruleId());
    node.put("AwsAccountId", account);
    types(node.putArray("Types"), finding);
    node.put("FirstObservedAt", JsonLinesFindingWriter.iso(finding.firstSeen()));
    node.put("LastObservedAt", JsonLinesFindingWriter.iso(finding.lastSeen()));
    // Event times, not the run's time: the same evidence gives the same UpdatedAt, so Security Hub
    // keeps the imported finding, and a later run with newer evidence updates it.
    node.put("CreatedAt", JsonLinesFindingWriter.iso(finding.firstSeen()));
    node.put("UpdatedAt", JsonLinesFindingWriter.iso(finding.lastSeen()));
    node.putObject("Severity")
        .put("Label", severityLabel(finding.severity()))
        .put("Original", finding.severity().sigmaLevel());
    node.put("Title", cut(finding.title() == null ? finding.ruleId() : finding.title(), MAX_TITLE));
    node.put("Description", cut(finding.explanation(), MAX_DESCRIPTION));
    if (finding.isIncident()) {
      // ASFF links an incident to the findings it chains by their product ARN and id.
      ArrayNode related = node.putArray("RelatedFindings");
      List<Incident.Step> steps = finding.incident().steps();
      // ASFF allows at most 10 related findings, so a longer sequence lists its first 10 steps.
      for (Incident.Step step : steps.subList(0, Math.min(steps.size(), MAX_RELATED_FINDINGS))) {
        related
            .addObject()
            .put("ProductArn", node.get("ProductArn").asText())
            .put("Id", "skywarden/" + step.findingId());
      }
    }
    node.put("RecordState", "ACTIVE");
    node.putObject("Workflow").put("Status", "NEW");

    resources(node.putArray("Resources"), finding);
    String sourceIp = firstIpV4(finding);
    if (sourceIp != null) {
      node.putObject("Network").put("Direction", "IN").put("SourceIpV4", sourceIp);
    }
    node.set("ProductFields", productFields(finding, summary));
    return node;
  }

  private static void types(ArrayNode types, Finding finding) {
    for (Technique technique : finding.techniques()) {
      String tactic = technique.tactics().isEmpty() ? "Unknown" : technique.tactics().get(0);
      types.add("TTPs/" + tactic + "/" + technique.id() + " " + technique.name());
    }
    if (types.isEmpty()) {
      types.add("Unusual Behaviors/User");
    }
  }

  private static void resources(ArrayNode resources, Finding finding) {
    ObjectNode principal = resources.addObject();
    principal.put("Type", resourceType(finding));
    principal.put("Id", cut(finding.principal(), MAX_RESOURCE_ID));
    principal.put("Partition", "aws");
    principal
        .putObject("Details")
        .putObject("Other")
        .put("principal_type", cut(String.valueOf(finding.principalType()), MAX_PRODUCT_FIELD))
        .put("provider", finding.provider().id());
  }

  private static String resourceType(Finding finding) {
    if (finding.provider() != CloudProvider.AWS) {
      return "Other";
    }
    String principal = finding.principal();
    if (principal.startsWith("arn:aws:iam::") && principal.contains(":user/")) {
      return "AwsIamUser";
    }
    if (principal.startsWith("arn:aws:iam::") && principal.contains(":role/")) {
      return "AwsIamRole";
    }
    return "Other";
  }

  private ObjectNode productFields(Finding finding, HuntSummary summary) {
    ObjectNode fields = MAPPER.createObjectNode();
    fields.put("skywarden/version", summary.productVersion());
    fields.put("skywarden/rule_id", finding.ruleId());
    fields.put("skywarden/provider", finding.provider().id());
    if (finding.account() != null) {
      fields.put("skywarden/account", cut(finding.account(), MAX_PRODUCT_FIELD));
    }
    fields.put("skywarden/count", Long.toString(finding.count()));
    fields.put(
        "skywarden/operations", cut(String.join(", ", finding.operations()), MAX_PRODUCT_FIELD));
    fields.put(
        "skywarden/source_addresses",
        cut(String.join(", ", finding.sourceAddresses()), MAX_PRODUCT_FIELD));
    if (finding.client() != null) {
      fields.put("skywarden/client", cut(finding.client().summary(), MAX_PRODUCT_FIELD));
    }
    MappedControls controls = MappedControls.of(finding, catalog);
    fields.put(
        "skywarden/nist_800_53_r5",
        String.join(", ", controls.nist().stream().map(MappedControls.Control::id).toList()));
    fields.put(
        "skywarden/csf_2_0",
        String.join(", ", controls.csf().stream().map(MappedControls.Control::id).toList()));
    if (!finding.evidence().isEmpty()) {
      Evidence first = finding.evidence().get(0);
      fields.put("skywarden/first_event_id", cut(first.eventId(), MAX_PRODUCT_FIELD));
      fields.put(
          "skywarden/first_event_location", cut(first.location().toString(), MAX_PRODUCT_FIELD));
    }
    if (finding.behavioural()) {
      fields.put(
          "skywarden/new_features",
          cut(BehaviourJson.features(finding.behaviour()), MAX_PRODUCT_FIELD));
      fields.put("skywarden/history_events", Long.toString(finding.behaviour().history().events()));
      if (finding.behaviour().peerGroup() != null) {
        fields.put("skywarden/peer_group", cut(finding.behaviour().peerGroup(), MAX_PRODUCT_FIELD));
      }
    }
    return fields;
  }

  private String awsAccount(Finding finding) {
    if (!fixedAccount
        && finding.provider() == CloudProvider.AWS
        && isAwsAccount(finding.account())) {
      return finding.account();
    }
    return defaultAccount;
  }

  private static String firstIpV4(Finding finding) {
    for (String address : finding.sourceAddresses()) {
      if (address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
        return address;
      }
    }
    return null;
  }

  /** Maps a Sigma level to an ASFF label: INFORMATIONAL, LOW, MEDIUM, HIGH or CRITICAL. */
  static String severityLabel(Severity severity) {
    return severity.name();
  }

  private static boolean isAwsAccount(String account) {
    return account != null && account.matches("\\d{12}");
  }

  private static String cut(String text, int max) {
    if (text == null) {
      return "";
    }
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
