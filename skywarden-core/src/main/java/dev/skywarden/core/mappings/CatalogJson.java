package dev.skywarden.core.mappings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON of {@value MappingCatalog#RESOURCE} into a {@link MappingCatalog}. */
final class CatalogJson {

  private static final int SUPPORTED_FORMAT_VERSION = 1;

  private CatalogJson() {}

  static MappingCatalog read(JsonNode root, String source) {
    int format = root.path("format_version").asInt(-1);
    if (format != SUPPORTED_FORMAT_VERSION) {
      throw invalid(source, "format_version " + format + ", expected " + SUPPORTED_FORMAT_VERSION);
    }
    String attackVersion = text(root.path("attack"), "version", source);

    Map<String, String> tacticNames = new HashMap<>();
    for (JsonNode tactic : root.path("tactics")) {
      tacticNames.put(text(tactic, "id", source), text(tactic, "name", source));
    }

    Map<String, AttackTechnique> techniques = new HashMap<>();
    for (JsonNode node : root.path("techniques")) {
      AttackTechnique technique = readTechnique(node, tacticNames, source);
      techniques.put(technique.id(), technique);
    }

    Map<Framework, List<Mapping>> byFramework = new LinkedHashMap<>();
    for (JsonNode node : root.path("frameworks")) {
      Framework framework = readFramework(node, source);
      byFramework.put(framework, readMappings(node, framework, techniques, source));
    }
    return MappingCatalog.of(attackVersion, techniques, byFramework);
  }

  private static AttackTechnique readTechnique(
      JsonNode node, Map<String, String> tacticNames, String source) {
    String id = text(node, "id", source);
    List<String> tactics = new ArrayList<>();
    for (JsonNode tacticId : node.path("tactics")) {
      String name = tacticNames.get(tacticId.asText());
      if (name == null) {
        throw invalid(source, "technique " + id + " names unknown tactic " + tacticId);
      }
      tactics.add(name);
    }
    List<String> platforms = new ArrayList<>();
    node.path("platforms").forEach(platform -> platforms.add(platform.asText()));
    boolean active = node.path("in_attack").asBoolean(true);
    return new AttackTechnique(id, text(node, "name", source), tactics, platforms, active);
  }

  private static Framework readFramework(JsonNode node, String source) {
    String key = text(node, "key", source);
    FrameworkKind kind;
    try {
      kind = FrameworkKind.valueOf(text(node, "kind", source).toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(source, "framework " + key + " has unknown kind " + node.path("kind"));
    }
    Map<String, String> groups = new HashMap<>();
    for (Map.Entry<String, JsonNode> group : node.path("capability_groups").properties()) {
      groups.put(group.getKey(), group.getValue().asText());
    }
    return new Framework(
        key,
        text(node, "label", source),
        kind,
        text(node, "framework", source),
        text(node, "framework_version", source),
        text(node, "attack_version", source),
        node.path("last_update").isTextual() ? node.get("last_update").asText() : null,
        text(node, "file", source),
        groups);
  }

  private static List<Mapping> readMappings(
      JsonNode node, Framework framework, Map<String, AttackTechnique> techniques, String source) {
    Map<String, Capability> capabilities = new HashMap<>();
    for (Map.Entry<String, JsonNode> field : node.path("capabilities").properties()) {
      JsonNode value = field.getValue();
      capabilities.put(
          field.getKey(),
          new Capability(field.getKey(), value.path(0).asText(), value.path(1).asText()));
    }

    List<Mapping> mappings = new ArrayList<>();
    int index = 0;
    for (JsonNode row : node.path("mappings")) {
      String techniqueId = row.path(0).asText();
      Capability capability = capabilities.get(row.path(1).asText());
      if (!techniques.containsKey(techniqueId) || capability == null) {
        throw invalid(
            source,
            framework.key()
                + " mappings["
                + index
                + "] names an unknown technique or capability: "
                + row);
      }
      String rawType = row.path(2).asText();
      String scoreCategory = emptyToNull(row.path(3).asText());
      mappings.add(
          new Mapping(
              framework,
              techniqueId,
              capability,
              rawType,
              MappingType.of(rawType, scoreCategory),
              scoreCategory,
              emptyToNull(row.path(4).asText())));
      index++;
    }
    return mappings;
  }

  private static String emptyToNull(String text) {
    return text.isEmpty() ? null : text;
  }

  private static String text(JsonNode node, String field, String source) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw invalid(source, "missing text field '" + field + "' in " + node);
    }
    return value.asText();
  }

  private static IllegalArgumentException invalid(String source, String message) {
    return new IllegalArgumentException("invalid mappings catalogue " + source + ": " + message);
  }
}
