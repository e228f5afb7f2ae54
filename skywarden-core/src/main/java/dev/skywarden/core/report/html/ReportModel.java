package dev.skywarden.core.report.html;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.finding.Technique;
import dev.skywarden.core.mappings.Framework;
import dev.skywarden.core.mappings.Mapping;
import dev.skywarden.core.mappings.MappingCatalog;
import dev.skywarden.core.report.HuntSummary;
import dev.skywarden.core.report.html.ActivitySampler.FirstUse;
import dev.skywarden.core.report.html.ActivitySampler.PrincipalActivity;
import dev.skywarden.core.stats.InputStatistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The data of the HTML report, built from the findings, the hunt summary and the optional sampled
 * activity, as one JSON tree that the page's script renders.
 *
 * <p>Findings are written compactly by {@link CompactFindings}: technique and control names once in
 * {@code catalog}, evidence files once in {@code files}, evidence events as arrays.
 *
 * <p>The model is bounded: findings keep at most {@link FindingAggregator#MAX_EVIDENCE} evidence
 * events each, principals are those with findings plus the {@value #CONTEXT_PRINCIPALS} most active
 * others, and each principal's activity is capped by {@link ActivitySampler}. Everything is sorted
 * by a total order, so the same hunt gives the same model.
 *
 * <p>"New" clients, networks and operations are only what the run shows: a value counts as new when
 * the principal first used it after its first event in the run. Without sampled activity the
 * stories list the values found in the findings and say so. Nothing here compares with a baseline.
 */
public final class ReportModel {

  /**
   * How many principals with findings get a story and a timeline row: those with the most findings,
   * ties by principal key. The rest are counted in {@code meta.principals_omitted}.
   */
  public static final int MAX_STORY_PRINCIPALS = 50;

  /** How many principals without findings are shown, the most active first. */
  public static final int CONTEXT_PRINCIPALS = 10;

  /** The ATT&CK enterprise tactics in matrix order, by short name. */
  static final List<String> TACTIC_ORDER =
      List.of(
          "reconnaissance",
          "resource-development",
          "initial-access",
          "execution",
          "persistence",
          "privilege-escalation",
          "defense-evasion",
          "credential-access",
          "discovery",
          "lateral-movement",
          "collection",
          "command-and-control",
          "exfiltration",
          "impact");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ObjectNode root;

  private ReportModel(ObjectNode root) {
    this.root = root;
  }

  /**
   * Builds the model.
   *
   * @param findings the findings of the hunt, in any order
   * @param summary the version, time and input statistics
   * @param activity the sampled activity, or {@link ActivitySampler.Snapshot#empty()}
   * @param posture the posture per principal, or {@code null} when posture was not loaded
   * @param catalog resolves tactics and control names
   * @param mappings the Mappings Explorer catalogue for VERIS categories
   */
  public static ReportModel build(
      List<Finding> findings,
      HuntSummary summary,
      ActivitySampler.Snapshot activity,
      Map<PrincipalKey, PrincipalPosture> posture,
      ControlCatalog catalog,
      MappingCatalog mappings) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(FindingAggregator.FINDING_ORDER);

    ObjectNode root = MAPPER.createObjectNode();
    root.set("meta", meta(summary, activity, posture != null, catalog));
    root.set("inputs", inputs(summary.inputs()));
    ObjectNode names = MAPPER.createObjectNode();
    ArrayNode files = MAPPER.createArrayNode();
    root.set("findings", CompactFindings.json(sorted, catalog, names, files));
    root.set("catalog", names);
    root.set("files", files);
    ArrayNode principals = principals(sorted, activity, posture, root);
    root.set("principals", principals);
    root.set("tactics", tactics(sorted, catalog));
    root.set("controls", controls(sorted, catalog, mappings));
    return new ReportModel(root);
  }

  /** Returns the model as a JSON tree; callers must not change it. */
  public ObjectNode json() {
    return root;
  }

  private static ObjectNode meta(
      HuntSummary summary,
      ActivitySampler.Snapshot activity,
      boolean postureLoaded,
      ControlCatalog catalog) {
    ObjectNode meta = MAPPER.createObjectNode();
    meta.put("product", "Skywarden");
    meta.put("version", summary.productVersion());
    meta.put("generated", iso(summary.time()));
    meta.put("attack_version", catalog.attackVersion());
    meta.put("activity_sampled", !activity.principals().isEmpty());
    meta.put("untracked_events", activity.untrackedEvents());
    meta.put("max_principals", ActivitySampler.MAX_PRINCIPALS);
    meta.put("max_buckets", ActivitySampler.MAX_BUCKETS);
    meta.put("max_values", ActivitySampler.MAX_VALUES);
    meta.put("max_evidence", FindingAggregator.MAX_EVIDENCE);
    meta.put("posture_loaded", postureLoaded);
    return meta;
  }

  private static ArrayNode inputs(List<InputStatistics> inputs) {
    ArrayNode array = MAPPER.createArrayNode();
    for (InputStatistics input : inputs) {
      array
          .addObject()
          .put("input", input.input())
          .put("files", input.files())
          .put("records", input.records())
          .put("events", input.events())
          .put("skipped", input.skipped());
    }
    return array;
  }

  private static ArrayNode principals(
      List<Finding> findings,
      ActivitySampler.Snapshot activity,
      Map<PrincipalKey, PrincipalPosture> posture,
      ObjectNode root) {
    Map<PrincipalKey, List<Finding>> all = new TreeMap<>();
    for (Finding finding : findings) {
      all.computeIfAbsent(key(finding), k -> new ArrayList<>()).add(finding);
    }
    List<Map.Entry<PrincipalKey, List<Finding>>> ranked = new ArrayList<>(all.entrySet());
    ranked.sort(
        Comparator.comparingInt((Map.Entry<PrincipalKey, List<Finding>> e) -> e.getValue().size())
            .reversed()
            .thenComparing(Map.Entry::getKey));
    Map<PrincipalKey, List<Finding>> byPrincipal = new TreeMap<>();
    for (Map.Entry<PrincipalKey, List<Finding>> entry :
        ranked.subList(0, Math.min(MAX_STORY_PRINCIPALS, ranked.size()))) {
      byPrincipal.put(entry.getKey(), entry.getValue());
    }
    ((ObjectNode) root.get("meta")).put("principals_omitted", all.size() - byPrincipal.size());
    ((ObjectNode) root.get("meta")).put("max_story_principals", MAX_STORY_PRINCIPALS);
    List<PrincipalActivity> quiet = new ArrayList<>();
    for (PrincipalActivity candidate : activity.principals().values()) {
      if (!all.containsKey(candidate.key())) {
        quiet.add(candidate);
      }
    }
    quiet.sort(
        Comparator.comparingLong(PrincipalActivity::events)
            .reversed()
            .thenComparing(PrincipalActivity::key));
    for (PrincipalActivity context : quiet.subList(0, Math.min(CONTEXT_PRINCIPALS, quiet.size()))) {
      byPrincipal.put(context.key(), List.of());
    }

    ArrayNode array = MAPPER.createArrayNode();
    for (Map.Entry<PrincipalKey, List<Finding>> entry : byPrincipal.entrySet()) {
      PrincipalKey key = entry.getKey();
      PrincipalActivity sampled = activity.principals().get(key);
      PrincipalPosture principalPosture = posture == null ? null : posture.get(key);
      array.add(PrincipalStory.json(key, entry.getValue(), sampled, principalPosture, posture));
    }
    return array;
  }

  private static ArrayNode tactics(List<Finding> findings, ControlCatalog catalog) {
    Map<String, Map<String, ObjectNode>> byTactic = new LinkedHashMap<>();
    TACTIC_ORDER.forEach(tactic -> byTactic.put(tactic, new TreeMap<>()));
    for (Finding finding : findings) {
      for (Technique technique : finding.techniques()) {
        for (String tacticName : technique.tactics()) {
          String shortname = catalog.tactic(tacticName).map(t -> t.shortname()).orElse(tacticName);
          ObjectNode cell =
              byTactic
                  .computeIfAbsent(shortname, k -> new TreeMap<>())
                  .computeIfAbsent(technique.id(), id -> newCell(technique));
          cell.put("findings", cell.get("findings").asInt() + 1);
          cell.put("events", cell.get("events").asLong() + finding.count());
          if (finding.severity().ocsfSeverityId() > cell.get("severity_rank").asInt()) {
            cell.put("severity_rank", finding.severity().ocsfSeverityId());
            cell.put("severity", finding.severity().sigmaLevel());
          }
        }
      }
    }
    ArrayNode array = MAPPER.createArrayNode();
    byTactic.forEach(
        (shortname, cells) -> {
          ObjectNode column = array.addObject();
          column.put("shortname", shortname);
          column.put("name", catalog.tactic(shortname).map(t -> t.name()).orElse(shortname));
          ArrayNode techniques = column.putArray("techniques");
          cells.values().forEach(techniques::add);
        });
    return array;
  }

  private static ObjectNode newCell(Technique technique) {
    ObjectNode cell = MAPPER.createObjectNode();
    cell.put("id", technique.id());
    cell.put("name", technique.name());
    cell.put("findings", 0);
    cell.put("events", 0L);
    cell.put("severity_rank", -1);
    cell.put("severity", "");
    return cell;
  }

  /**
   * Builds the controls view: NIST SP 800-53 r5 controls and CSF 2.0 statements from the control
   * catalogue, VERIS categories from the Mappings Explorer VERIS file, each with the techniques hit
   * that they are mapped to and the number of findings.
   */
  private static ObjectNode controls(
      List<Finding> findings, ControlCatalog catalog, MappingCatalog mappings) {
    Map<String, ControlRow> nist = new TreeMap<>();
    Map<String, ControlRow> csf = new TreeMap<>();
    Map<String, ControlRow> veris = new TreeMap<>();
    Framework verisFramework = null;
    for (Finding finding : findings) {
      for (Technique technique : finding.techniques()) {
        for (String id : technique.nistControls()) {
          row(nist, id, catalog.nistControlName(id).orElse(id), "").add(technique, finding);
        }
        for (String id : technique.csfSubcategories()) {
          String subcategory = catalog.csfSubcategory(id).orElse("");
          row(csf, id, catalog.csfStatementName(id).orElse(id), subcategory)
              .add(technique, finding);
        }
        for (Mapping mapping : mappings.mappings(technique.id())) {
          if (mapping.framework().key().equals("veris")) {
            verisFramework = mapping.framework();
            row(
                    veris,
                    mapping.capability().id(),
                    mapping.capability().name(),
                    mapping.capability().group())
                .add(technique, finding);
          }
        }
      }
    }
    ObjectNode node = MAPPER.createObjectNode();
    node.set("nist_800_53_r5", rows(nist));
    node.set("csf_2_0", rows(csf));
    node.set("veris", rows(veris));
    node.put(
        "veris_source",
        verisFramework == null
            ? ""
            : verisFramework.label()
                + " "
                + verisFramework.frameworkVersion()
                + " (Mappings Explorer, ATT&CK "
                + verisFramework.attackVersion()
                + ")");
    return node;
  }

  private static ControlRow row(
      Map<String, ControlRow> rows, String id, String name, String group) {
    return rows.computeIfAbsent(id, k -> new ControlRow(id, name, group));
  }

  private static ArrayNode rows(Map<String, ControlRow> rows) {
    ArrayNode array = MAPPER.createArrayNode();
    for (ControlRow row : rows.values()) {
      ObjectNode node = array.addObject();
      node.put("id", row.id);
      node.put("name", row.name);
      node.put("group", row.group);
      ArrayNode techniques = node.putArray("techniques");
      row.techniques.forEach(techniques::add);
      node.put("findings", row.findings.size());
    }
    return array;
  }

  /** One control with the techniques and findings that relate to it; used while building. */
  private static final class ControlRow {
    final String id;
    final String name;
    final String group;
    final TreeSet<String> techniques = new TreeSet<>();
    final TreeSet<String> findings = new TreeSet<>();

    ControlRow(String id, String name, String group) {
      this.id = id;
      this.name = name;
      this.group = Objects.toString(group, "");
    }

    void add(Technique technique, Finding finding) {
      techniques.add(technique.id());
      findings.add(finding.id());
    }
  }

  static PrincipalKey key(Finding finding) {
    return new PrincipalKey(finding.provider(), finding.account(), finding.principal());
  }

  static String iso(Instant time) {
    return time == null ? null : time.toString();
  }

  /** Serialises a list of first uses; a value is new when first used after {@code start}. */
  static ArrayNode firstUses(List<FirstUse> values, Instant start) {
    ArrayNode array = MAPPER.createArrayNode();
    List<FirstUse> byTime = new ArrayList<>(values);
    byTime.sort(Comparator.comparing(FirstUse::firstSeen).thenComparing(FirstUse::value));
    for (FirstUse value : byTime) {
      array
          .addObject()
          .put("value", value.value())
          .put("first_seen", iso(value.firstSeen()))
          .put("count", value.count())
          .put("new", start != null && value.firstSeen().isAfter(start));
    }
    return array;
  }
}
