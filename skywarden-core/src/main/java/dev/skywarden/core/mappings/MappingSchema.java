package dev.skywarden.core.mappings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of the Mappings Explorer unified data schema ({@code mapex-unified-data-schema.json},
 * JSON Schema draft 2020-12) written as code, since the project has no JSON Schema library. Each
 * check returns the violations as {@code pointer suffix, message} pairs; an empty list means valid.
 */
final class MappingSchema {

  /** One schema violation: the JSON Pointer below the checked object, and the message. */
  record Violation(String pointer, String message) {}

  private static final Pattern DATE = Pattern.compile("^[0-9]{2}/[0-9]{2}/[0-9]{4}$");
  private static final Set<String> DOMAINS = Set.of("enterprise", "mobile", "ics");
  private static final Set<String> VERSION_SCHEMAS = Set.of("FRAMEWORK_VERSION", "ACCESS_DATE");

  private static final List<String> METADATA_REQUIRED =
      List.of(
          "mapping_version",
          "attack_version",
          "technology_domain",
          "creation_date",
          "mapping_framework",
          "mapping_framework_version",
          "mapping_types",
          "capability_groups");
  private static final Set<String> METADATA_OPTIONAL =
      Set.of(
          "last_update", "mapping_framework_version_schema", "author", "contact", "organization");

  /** The mapping object properties whose value is a string or null. */
  private static final Set<String> OBJECT_NULLABLE_TEXT =
      Set.of(
          "author",
          "author_contact",
          "author_organization",
          "attack_object_id",
          "attack_object_name",
          "capability_id",
          "capability_description",
          "comments",
          "mapping_type",
          "capability_group",
          "related_score");

  private static final Set<String> OBJECT_TEXT =
      Set.of(
          "attack_version", "mapping_framework", "mapping_framework_version", "technology_domain");
  private static final Map<String, Set<String>> OBJECT_ENUMS =
      Map.of(
          "status", Set.of("complete", "in_progress", "non_mappable"),
          "score_category", Set.of("protect", "detect", "respond"),
          "score_value", Set.of("minimal", "partial", "significant"));

  private MappingSchema() {}

  /** Checks the {@code metadata} object. */
  static List<Violation> checkMetadata(JsonNode metadata) {
    List<Violation> violations = new ArrayList<>();
    if (!metadata.isObject()) {
      violations.add(new Violation("", "must be an object, found " + metadata.getNodeType()));
      return violations;
    }
    for (String field : METADATA_REQUIRED) {
      if (!metadata.has(field)) {
        violations.add(new Violation("", "missing required property '" + field + "'"));
      }
    }
    for (Map.Entry<String, JsonNode> field : metadata.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      String pointer = "/" + name;
      if (!METADATA_REQUIRED.contains(name) && !METADATA_OPTIONAL.contains(name)) {
        violations.add(new Violation(pointer, "unknown property"));
      } else if (name.equals("mapping_types") || name.equals("capability_groups")) {
        requireObject(value, pointer, violations);
      } else if (Set.of("author", "contact", "organization").contains(name)) {
        requireTextOrNull(value, pointer, violations);
      } else if (!value.isTextual()) {
        violations.add(new Violation(pointer, "must be a string, found " + value));
      } else if (name.endsWith("_date") || name.equals("last_update")) {
        requirePattern(value.asText(), DATE, "MM/DD/YYYY", pointer, violations);
      } else if (name.equals("technology_domain")) {
        requireOneOf(value.asText(), DOMAINS, pointer, violations);
      } else if (name.equals("mapping_framework_version_schema")) {
        requireOneOf(value.asText(), VERSION_SCHEMAS, pointer, violations);
      }
    }
    return violations;
  }

  /** Checks one element of {@code mapping_objects}. */
  static List<Violation> checkMappingObject(JsonNode object) {
    List<Violation> violations = new ArrayList<>();
    if (!object.isObject()) {
      violations.add(new Violation("", "must be an object, found " + object.getNodeType()));
      return violations;
    }
    for (String field : List.of("mapping_type", "capability_group")) {
      if (!object.has(field)) {
        violations.add(new Violation("", "missing required property '" + field + "'"));
      }
    }
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      String pointer = "/" + name;
      if (OBJECT_NULLABLE_TEXT.contains(name)) {
        requireTextOrNull(value, pointer, violations);
      } else if (OBJECT_TEXT.contains(name)) {
        if (!value.isTextual()) {
          violations.add(new Violation(pointer, "must be a string, found " + value));
        }
      } else if (OBJECT_ENUMS.containsKey(name)) {
        checkEnum(name, value, pointer, violations);
      } else if (name.equals("references")) {
        checkReferences(value, pointer, violations);
      } else {
        violations.add(new Violation(pointer, "unknown property"));
      }
    }
    return violations;
  }

  private static void checkEnum(
      String name, JsonNode value, String pointer, List<Violation> violations) {
    boolean nullable = !name.equals("status");
    if (value.isNull() && nullable) {
      return;
    }
    if (!value.isTextual()) {
      violations.add(new Violation(pointer, "must be a string, found " + value));
      return;
    }
    requireOneOf(value.asText(), OBJECT_ENUMS.get(name), pointer, violations);
  }

  private static void checkReferences(JsonNode value, String pointer, List<Violation> violations) {
    if (value.isNull()) {
      return;
    }
    if (!value.isArray()) {
      violations.add(new Violation(pointer, "must be an array of strings, found " + value));
      return;
    }
    for (int i = 0; i < value.size(); i++) {
      if (!value.get(i).isTextual()) {
        violations.add(new Violation(pointer + "/" + i, "must be a string, found " + value.get(i)));
      }
    }
  }

  private static void requireObject(JsonNode value, String pointer, List<Violation> violations) {
    if (!value.isObject()) {
      violations.add(new Violation(pointer, "must be an object, found " + value.getNodeType()));
    }
  }

  private static void requireTextOrNull(
      JsonNode value, String pointer, List<Violation> violations) {
    if (!value.isTextual() && !value.isNull()) {
      violations.add(new Violation(pointer, "must be a string or null, found " + value));
    }
  }

  private static void requirePattern(
      String text, Pattern pattern, String form, String pointer, List<Violation> violations) {
    if (!pattern.matcher(text).matches()) {
      violations.add(new Violation(pointer, "invalid value '" + text + "', expected " + form));
    }
  }

  private static void requireOneOf(
      String text, Set<String> allowed, String pointer, List<Violation> violations) {
    if (!allowed.contains(text)) {
      violations.add(
          new Violation(
              pointer,
              "invalid value '" + text + "', expected one of " + new java.util.TreeSet<>(allowed)));
    }
  }
}
