package dev.skywarden.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.catalog.Tactic;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.finding.Technique;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds ATT&CK Navigator layers (layer format {@value #LAYER_VERSION}, domain {@code
 * enterprise-attack}): the techniques hit in a hunt, or the techniques that rules can detect.
 *
 * <p>A technique with several tactics gets one entry per tactic, as the Navigator expects when a
 * {@code tactic} is given. A technique the catalogue does not know gets one entry without tactic.
 * Entries are sorted by technique id, then tactic, so the same input gives the same file. {@code
 * versions.attack} is the major version of the catalogue's ATT&CK version ({@code 18} for {@code
 * 18.1}). Thread-safe.
 */
public final class NavigatorLayer {

  /** The layer format version written. */
  public static final String LAYER_VERSION = "4.5";

  /** The Navigator version written in {@code versions.navigator}. */
  public static final String NAVIGATOR_VERSION = "5.1.0";

  /** The ATT&CK domain of every layer. */
  public static final String DOMAIN = "enterprise-attack";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ControlCatalog catalog;

  /** Creates a builder that resolves tactics in the given catalogue. */
  public NavigatorLayer(ControlCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /**
   * One rule or detector that detects techniques, for the coverage layer.
   *
   * @param id the rule id
   * @param title the rule title
   * @param severity the rule level, or {@code null} when the rule has none (counts as medium)
   * @param techniqueIds the ATT&CK ids it tags
   */
  public record RuleCoverage(
      String id, String title, Severity severity, List<String> techniqueIds) {

    public RuleCoverage {
      techniqueIds = List.copyOf(techniqueIds);
    }
  }

  /** The maximum number of principals named in one entry's comment. */
  static final int COMMENT_PRINCIPALS = 10;

  /** Joins the first {@code limit} names, then states how many were left out. */
  private static String capped(SortedSet<String> names, int limit) {
    if (names.size() <= limit) {
      return String.join("; ", names);
    }
    List<String> shown = new ArrayList<>(names).subList(0, limit);
    return String.join("; ", shown) + " and " + (names.size() - limit) + " more";
  }

  /**
   * Builds the layer of a hunt: each technique hit, scored by the number of findings that tag it,
   * with the rules and principals in the comment and the counts in the metadata. The comment names
   * at most {@value #COMMENT_PRINCIPALS} principals, in sorted order, then "and N more".
   */
  public ObjectNode hunt(List<Finding> findings, String name) {
    Map<String, List<Finding>> byTechnique = new TreeMap<>();
    for (Finding finding : findings) {
      for (Technique technique : finding.techniques()) {
        byTechnique.computeIfAbsent(technique.id(), id -> new ArrayList<>()).add(finding);
      }
    }

    ObjectNode layer = header(name, "Techniques hit by Skywarden findings; score = findings.");
    ArrayNode techniques = layer.putArray("techniques");
    int max = 0;
    for (Map.Entry<String, List<Finding>> entry : byTechnique.entrySet()) {
      List<Finding> hits = entry.getValue();
      max = Math.max(max, hits.size());
      TreeSet<String> rules = new TreeSet<>();
      TreeSet<String> principals = new TreeSet<>();
      long events = 0;
      Severity highest = Severity.INFORMATIONAL;
      for (Finding finding : hits) {
        rules.add(finding.title() == null ? finding.ruleId() : finding.title());
        principals.add(finding.principal());
        events += finding.count();
        highest = finding.severity().compareTo(highest) > 0 ? finding.severity() : highest;
      }
      String comment =
          Plurals.count(hits.size(), "finding")
              + " by "
              + (rules.size() == 1 ? "rule: " : "rules: ")
              + String.join("; ", rules)
              + ". Principals: "
              + capped(principals, COMMENT_PRINCIPALS);
      List<String[]> metadata =
          List.of(
              new String[] {"findings", Integer.toString(hits.size())},
              new String[] {"events", Long.toString(events)},
              new String[] {"highest severity", highest.sigmaLevel()});
      addEntries(techniques, entry.getKey(), hits.size(), comment, metadata);
    }
    showSubtechniques(techniques);
    gradient(layer, max);
    return layer;
  }

  /**
   * Builds the coverage layer: each technique that a rule tags, scored by the sum of the rules'
   * weights (low 1, medium 2, high 3, critical 4, informational 1; no level counts as medium), so a
   * technique detected by more and stronger rules scores higher.
   */
  public ObjectNode coverage(List<RuleCoverage> rules, String name) {
    Map<String, List<RuleCoverage>> byTechnique = new TreeMap<>();
    for (RuleCoverage rule : rules) {
      for (String id : new TreeSet<>(upper(rule.techniqueIds()))) {
        byTechnique.computeIfAbsent(id, key -> new ArrayList<>()).add(rule);
      }
    }

    ObjectNode layer =
        header(
            name,
            "Techniques the loaded rules can detect; score = sum of rule weights"
                + " (low 1, medium 2, high 3, critical 4).");
    ArrayNode techniques = layer.putArray("techniques");
    int max = 0;
    for (Map.Entry<String, List<RuleCoverage>> entry : byTechnique.entrySet()) {
      int score = 0;
      TreeSet<String> titles = new TreeSet<>();
      for (RuleCoverage rule : entry.getValue()) {
        score += weight(rule.severity());
        titles.add(rule.title());
      }
      max = Math.max(max, score);
      String comment =
          Plurals.count(entry.getValue().size(), "rule") + ": " + String.join("; ", titles);
      List<String[]> metadata =
          List.of(
              new String[] {"rules", Integer.toString(entry.getValue().size())},
              new String[] {"score", Integer.toString(score)});
      addEntries(techniques, entry.getKey(), score, comment, metadata);
    }
    showSubtechniques(techniques);
    gradient(layer, max);
    return layer;
  }

  /** Returns the weight of a rule level in the coverage score. */
  static int weight(Severity severity) {
    if (severity == null) {
      return 2;
    }
    return switch (severity) {
      case CRITICAL -> 4;
      case HIGH -> 3;
      case MEDIUM -> 2;
      case LOW, INFORMATIONAL -> 1;
    };
  }

  private ObjectNode header(String name, String description) {
    ObjectNode layer = MAPPER.createObjectNode();
    layer.put("name", name);
    ObjectNode versions = layer.putObject("versions");
    versions.put("attack", attackMajorVersion());
    versions.put("navigator", NAVIGATOR_VERSION);
    versions.put("layer", LAYER_VERSION);
    layer.put("domain", DOMAIN);
    layer.put("description", description + " ATT&CK v" + catalog.attackVersion() + ".");
    layer
        .putObject("filters")
        .putArray("platforms")
        .add("IaaS")
        .add("SaaS")
        .add("Identity Provider")
        .add("Office Suite");
    layer.put("sorting", 3);
    ObjectNode layout = layer.putObject("layout");
    layout.put("layout", "side");
    layout.put("showID", true);
    layout.put("showName", true);
    layer.put("hideDisabled", false);
    return layer;
  }

  private void addEntries(
      ArrayNode techniques, String id, int score, String comment, List<String[]> metadata) {
    List<String> shortnames = new ArrayList<>();
    catalog
        .technique(id)
        .ifPresent(
            technique -> {
              for (String tacticName : technique.tactics()) {
                catalog.tactic(tacticName).map(Tactic::shortname).ifPresent(shortnames::add);
              }
            });
    if (shortnames.isEmpty()) {
      shortnames.add(null);
    }
    for (String shortname : shortnames) {
      ObjectNode entry = techniques.addObject();
      entry.put("techniqueID", id);
      if (shortname != null) {
        entry.put("tactic", shortname);
      }
      entry.put("score", score);
      entry.put("color", "");
      entry.put("comment", comment);
      entry.put("enabled", true);
      ArrayNode meta = entry.putArray("metadata");
      for (String[] pair : metadata) {
        meta.addObject().put("name", pair[0]).put("value", pair[1]);
      }
      if (id.indexOf('.') < 0) {
        entry.put("showSubtechniques", false);
      }
    }
  }

  /**
   * Sets {@code showSubtechniques} on the parent entry of every sub-technique entry, per tactic,
   * adding a parent entry without a score when missing, so the Navigator opens the parent and the
   * sub-technique's score is visible.
   */
  private static void showSubtechniques(ArrayNode techniques) {
    Map<String, ObjectNode> entries = new TreeMap<>();
    for (int i = 0; i < techniques.size(); i++) {
      ObjectNode entry = (ObjectNode) techniques.get(i);
      entries.put(entryKey(entry.path("techniqueID").asText(), entry), entry);
    }
    for (int i = 0, size = techniques.size(); i < size; i++) {
      ObjectNode entry = (ObjectNode) techniques.get(i);
      String id = entry.path("techniqueID").asText();
      int dot = id.indexOf('.');
      if (dot < 0) {
        continue;
      }
      String parentId = id.substring(0, dot);
      String key = entryKey(parentId, entry);
      ObjectNode parent = entries.get(key);
      if (parent == null) {
        parent = techniques.addObject();
        parent.put("techniqueID", parentId);
        if (entry.has("tactic")) {
          parent.put("tactic", entry.path("tactic").asText());
        }
        parent.put("color", "");
        parent.put("comment", "");
        parent.put("enabled", true);
        parent.putArray("metadata");
        entries.put(key, parent);
      }
      parent.put("showSubtechniques", true);
    }
  }

  private static String entryKey(String id, ObjectNode entry) {
    return id + "\u0000" + entry.path("tactic").asText("");
  }

  private static void gradient(ObjectNode layer, int max) {
    ObjectNode gradient = layer.putObject("gradient");
    gradient.putArray("colors").add("#ffe766ff").add("#ff6666ff");
    gradient.put("minValue", 0);
    gradient.put("maxValue", Math.max(1, max));
  }

  private String attackMajorVersion() {
    String version = catalog.attackVersion();
    int dot = version.indexOf('.');
    return dot < 0 ? version : version.substring(0, dot);
  }

  private static List<String> upper(List<String> ids) {
    return ids.stream().map(id -> id.trim().toUpperCase(Locale.ROOT)).toList();
  }
}
