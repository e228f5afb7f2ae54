package dev.skywarden.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Validates OCSF events against the JSON schema source files of the OCSF schema repository (the
 * {@code events/}, {@code objects/}, {@code profiles/} folders, {@code dictionary.json} and {@code
 * categories.json}), for tests.
 *
 * <p>Resolution: a class or object merges its {@code extends} chain, child definitions over parent
 * ones, and each attribute definition over the dictionary entry of the same name; enums are merged.
 * Attributes that come from an included profile file belong to that profile unless the class
 * redefines them with {@code "profile": null}; they are allowed only when the event lists the
 * profile in {@code metadata.profiles}. Profiles whose files are absent add no attributes.
 *
 * <p>Checks: required attributes present; no unknown attributes; data types per the dictionary
 * (string, integer in 32 bits, long, float, boolean, JSON, derived types with their regex, max
 * length and range, arrays, objects recursively); enum values; enum siblings equal to the caption;
 * {@code at_least_one} and {@code just_one} constraints; class and category uids; {@code type_uid =
 * class_uid * 100 + activity_id}. Use of a deprecated attribute is reported as a warning.
 *
 * <p>Public because the skywarden-cli tests use it through the test-jar of this module.
 */
public final class OcsfSchemaValidator {

  /** Errors and warnings of one event; each message starts with the JSON path. */
  public record Result(List<String> errors, List<String> warnings) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path root;
  private final Map<String, JsonNode> dictionaryAttributes = new HashMap<>();
  private final Map<String, JsonNode> types = new HashMap<>();
  private final Map<String, Integer> categoryUids = new HashMap<>();
  private final Map<String, String> categoryCaptions = new HashMap<>();
  private final Map<String, JsonNode> eventFiles = new HashMap<>();
  private final Map<String, Resolved> resolvedObjects = new HashMap<>();

  /** A resolved class or object: attribute name to merged definition, and constraints. */
  private record Resolved(String name, Map<String, ObjectNode> attributes, JsonNode constraints) {}

  /**
   * Loads the schema source files under {@code root}, the checkout of the OCSF schema repository.
   *
   * @throws java.io.UncheckedIOException when a schema file cannot be read
   */
  public OcsfSchemaValidator(Path root) {
    this.root = root;
    JsonNode dictionary = read(root.resolve("dictionary.json"));
    dictionary
        .path("attributes")
        .properties()
        .forEach(e -> dictionaryAttributes.put(e.getKey(), e.getValue()));
    dictionary
        .path("types")
        .path("attributes")
        .properties()
        .forEach(e -> types.put(e.getKey(), e.getValue()));
    read(root.resolve("categories.json"))
        .path("attributes")
        .properties()
        .forEach(
            e -> {
              categoryUids.put(e.getKey(), e.getValue().path("uid").asInt());
              categoryCaptions.put(e.getKey(), e.getValue().path("caption").asText());
            });
    try (Stream<Path> files = Files.walk(root.resolve("events"))) {
      files
          .filter(p -> p.toString().endsWith(".json"))
          .forEach(
              p -> {
                JsonNode node = read(p);
                eventFiles.put(node.path("name").asText(), node);
              });
    } catch (IOException e) {
      throw new UncheckedIOException("failed to list OCSF event classes in " + root, e);
    }
  }

  /** Returns the class uid of a class file name: category uid * 1000 + class uid. */
  int classUid(String className) {
    JsonNode node = eventFiles.get(className);
    return categoryUids.getOrDefault(category(className), 0) * 1000 + node.path("uid").asInt();
  }

  /** Returns the category name of a class, inherited through {@code extends} when not its own. */
  private String category(String className) {
    for (JsonNode node = eventFiles.get(className); node != null; ) {
      if (node.has("category")) {
        return node.get("category").asText();
      }
      node = node.has("extends") ? eventFiles.get(node.get("extends").asText()) : null;
    }
    return "";
  }

  /**
   * Validates one event of the given class, such as {@code detection_finding}.
   *
   * @throws IllegalArgumentException when the schema has no such class
   */
  public Result validate(JsonNode event, String className) {
    JsonNode classFile = eventFiles.get(className);
    if (classFile == null) {
      throw new IllegalArgumentException("OCSF class '" + className + "' not in " + root);
    }
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Set<String> profiles = new HashSet<>();
    event.path("metadata").path("profiles").forEach(p -> profiles.add(p.asText()));

    Resolved resolved = resolveEvent(className);
    checkObject(event, resolved, "$", profiles, errors, warnings);

    int expectedClass = classUid(className);
    int expectedCategory = categoryUids.getOrDefault(category(className), -1);
    if (event.path("class_uid").asInt() != expectedClass) {
      errors.add(
          "$.class_uid: expected "
              + expectedClass
              + " for "
              + className
              + ", got "
              + event.get("class_uid"));
    }
    if (event.path("category_uid").asInt() != expectedCategory) {
      errors.add(
          "$.category_uid: expected " + expectedCategory + ", got " + event.get("category_uid"));
    }
    long expectedType = event.path("class_uid").asLong() * 100 + event.path("activity_id").asLong();
    if (event.path("type_uid").asLong() != expectedType) {
      errors.add(
          "$.type_uid: expected class_uid * 100 + activity_id = "
              + expectedType
              + ", got "
              + event.get("type_uid"));
    }
    String caption = classFile.path("caption").asText();
    if (event.has("class_name") && !event.get("class_name").asText().equals(caption)) {
      errors.add("$.class_name: expected '" + caption + "', got " + event.get("class_name"));
    }
    String categoryCaption = categoryCaptions.get(category(className));
    if (event.has("category_name")
        && !event.get("category_name").asText().equals(categoryCaption)) {
      errors.add(
          "$.category_name: expected '" + categoryCaption + "', got " + event.get("category_name"));
    }
    return new Result(errors, warnings);
  }

  /**
   * Validates each line of JSON Lines text; returns the errors, prefixed with the 1-based line
   * number.
   */
  public List<String> validateLines(String text, String className) {
    List<String> errors = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      try {
        Result result = validate(MAPPER.readTree(lines[i]), className);
        for (String error : result.errors()) {
          errors.add("line " + (i + 1) + ": " + error);
        }
        for (String warning : result.warnings()) {
          errors.add("line " + (i + 1) + ": warning: " + warning);
        }
      } catch (IOException e) {
        errors.add("line " + (i + 1) + ": invalid JSON: " + e.getMessage());
      }
    }
    return errors;
  }

  private Resolved resolveEvent(String className) {
    List<JsonNode> chain = new ArrayList<>();
    String current = className;
    while (current != null) {
      JsonNode node = eventFiles.get(current);
      if (node == null) {
        throw new IllegalArgumentException("OCSF class '" + current + "' not in " + root);
      }
      chain.add(0, node);
      current = node.has("extends") ? node.get("extends").asText() : null;
    }
    Resolved resolved = merge(className, chain);
    // The base event's enums for these hold only 0; the real values are computed and checked apart.
    for (String computed : List.of("class_uid", "category_uid")) {
      ObjectNode definition = resolved.attributes().get(computed);
      if (definition != null) {
        definition.remove("enum");
      }
    }
    return resolved;
  }

  private Resolved resolveObject(String name) {
    Resolved cached = resolvedObjects.get(name);
    if (cached != null) {
      return cached;
    }
    List<JsonNode> chain = new ArrayList<>();
    String current = name;
    while (current != null) {
      Path file = root.resolve("objects").resolve(current + ".json");
      if (!Files.exists(file)) {
        throw new IllegalArgumentException("OCSF object '" + current + "' not found: " + file);
      }
      JsonNode node = read(file);
      chain.add(0, node);
      current = node.has("extends") ? node.get("extends").asText() : null;
    }
    Resolved resolved = merge(name, chain);
    resolvedObjects.put(name, resolved);
    return resolved;
  }

  /** Merges a base-first chain of class or object files over the dictionary. */
  private Resolved merge(String name, List<JsonNode> chain) {
    Map<String, ObjectNode> attributes = new LinkedHashMap<>();
    JsonNode constraints = MAPPER.createObjectNode();
    for (JsonNode node : chain) {
      JsonNode own = node.path("attributes");
      for (JsonNode include : own.path("$include")) {
        Path profileFile = root.resolve(include.asText());
        if (!Files.exists(profileFile)) {
          continue;
        }
        JsonNode profile = read(profileFile);
        String profileName = profile.path("name").asText();
        profile
            .path("attributes")
            .properties()
            .forEach(
                e -> {
                  ObjectNode definition = mergeInto(attributes.get(e.getKey()), e.getValue());
                  if (!definition.has("profile")) {
                    definition.put("profile", profileName);
                  }
                  attributes.put(e.getKey(), definition);
                });
      }
      own.properties()
          .forEach(
              e -> {
                if (!e.getKey().equals("$include")) {
                  attributes.put(e.getKey(), mergeInto(attributes.get(e.getKey()), e.getValue()));
                }
              });
      if (node.has("constraints")) {
        constraints = node.get("constraints");
      }
    }
    Map<String, ObjectNode> withDictionary = new LinkedHashMap<>();
    attributes.forEach(
        (attribute, definition) ->
            withDictionary.put(
                attribute,
                mergeInto((ObjectNode) dictionaryAttributes.get(attribute), definition)));
    return new Resolved(name, withDictionary, constraints);
  }

  /**
   * Returns a copy of {@code base} (may be null) with {@code override}'s fields on top; enums
   * merge.
   */
  private static ObjectNode mergeInto(ObjectNode base, JsonNode override) {
    ObjectNode merged = base == null ? MAPPER.createObjectNode() : base.deepCopy();
    override
        .properties()
        .forEach(
            e -> {
              if (e.getKey().equals("enum") && merged.has("enum")) {
                ((ObjectNode) merged.get("enum")).setAll((ObjectNode) e.getValue().deepCopy());
              } else {
                merged.set(e.getKey(), e.getValue().deepCopy());
              }
            });
    return merged;
  }

  private void checkObject(
      JsonNode value,
      Resolved type,
      String path,
      Set<String> profiles,
      List<String> errors,
      List<String> warnings) {
    if (!value.isObject()) {
      errors.add(
          path + ": expected an object of type " + type.name() + ", got " + value.getNodeType());
      return;
    }
    for (Map.Entry<String, ObjectNode> attribute : type.attributes().entrySet()) {
      ObjectNode definition = attribute.getValue();
      boolean active = isActive(definition, profiles);
      if (active
          && "required".equals(definition.path("requirement").asText())
          && !value.has(attribute.getKey())) {
        errors.add(
            path + "." + attribute.getKey() + ": required attribute missing in " + type.name());
      }
    }
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String childPath = path + "." + field.getKey();
      ObjectNode definition = type.attributes().get(field.getKey());
      if (definition == null) {
        errors.add(childPath + ": unknown attribute of " + type.name());
        continue;
      }
      if (!isActive(definition, profiles)) {
        errors.add(
            childPath
                + ": belongs to profile '"
                + definition.get("profile").asText()
                + "', which metadata.profiles does not list");
      }
      if (definition.has("@deprecated")) {
        warnings.add(
            childPath
                + ": deprecated since "
                + definition.path("@deprecated").path("since").asText());
      }
      checkValue(field.getValue(), definition, childPath, profiles, errors, warnings);
      checkSibling(value, field.getKey(), definition, childPath, errors);
    }
    checkConstraints(value, type, path, errors);
  }

  private static boolean isActive(JsonNode definition, Set<String> profiles) {
    JsonNode profile = definition.get("profile");
    return profile == null || profile.isNull() || profiles.contains(profile.asText());
  }

  private void checkValue(
      JsonNode value,
      ObjectNode definition,
      String path,
      Set<String> profiles,
      List<String> errors,
      List<String> warnings) {
    if (value.isNull()) {
      errors.add(path + ": null value; omit the attribute instead");
      return;
    }
    if (definition.path("is_array").asBoolean(false)) {
      if (!value.isArray()) {
        errors.add(path + ": expected an array, got " + value.getNodeType());
        return;
      }
      for (int i = 0; i < value.size(); i++) {
        checkSingle(value.get(i), definition, path + "[" + i + "]", profiles, errors, warnings);
      }
      return;
    }
    if (value.isArray()) {
      errors.add(path + ": expected a single value, got an array");
      return;
    }
    checkSingle(value, definition, path, profiles, errors, warnings);
  }

  private void checkSingle(
      JsonNode value,
      ObjectNode definition,
      String path,
      Set<String> profiles,
      List<String> errors,
      List<String> warnings) {
    String typeName = definition.path("type").asText();
    if (typeName.isEmpty()) {
      errors.add(path + ": attribute has no type in the dictionary");
      return;
    }
    if (types.containsKey(typeName)) {
      checkScalar(value, typeName, path, errors);
      JsonNode enumeration = definition.get("enum");
      if (enumeration != null && !enumeration.has(value.asText())) {
        errors.add(path + ": value " + value + " not in enum " + fieldNames(enumeration));
      }
      return;
    }
    if (typeName.equals("object")) {
      if (!value.isObject()) {
        errors.add(path + ": expected an object, got " + value.getNodeType());
      }
      return;
    }
    checkObject(value, resolveObject(typeName), path, profiles, errors, warnings);
  }

  /** Checks a value against a dictionary type, following derived types to their base type. */
  private void checkScalar(JsonNode value, String typeName, String path, List<String> errors) {
    JsonNode type = types.get(typeName);
    String base = type.has("type") ? type.get("type").asText() : typeName;
    Boolean valid =
        switch (base) {
          case "string_t" -> value.isTextual();
          case "integer_t" -> value.isIntegralNumber() && value.canConvertToInt();
          case "long_t" -> value.isIntegralNumber() && value.canConvertToLong();
          case "float_t" -> value.isNumber();
          case "boolean_t" -> value.isBoolean();
          case "json_t" -> true;
          default -> null;
        };
    if (valid == null) {
      errors.add(path + ": unsupported base type " + base + " of " + typeName);
      return;
    }
    if (!valid) {
      errors.add(
          path
              + ": expected "
              + typeName
              + " ("
              + base
              + "), got "
              + value.getNodeType()
              + " "
              + value);
      return;
    }
    if (type.has("regex")
        && !Pattern.compile(type.get("regex").asText()).matcher(value.asText()).find()) {
      errors.add(path + ": value " + value + " does not match the pattern of " + typeName);
    }
    if (type.has("max_len") && value.asText().length() > type.get("max_len").asInt()) {
      errors.add(
          path + ": value longer than " + type.get("max_len") + " characters for " + typeName);
    }
    JsonNode range = type.get("range");
    if (range != null
        && (value.asLong() < range.get(0).asLong() || value.asLong() > range.get(1).asLong())) {
      errors.add(path + ": value " + value + " outside range " + range + " of " + typeName);
    }
  }

  /**
   * Checks that the sibling string of an enum id equals the caption, unless the id is 99 (Other).
   */
  private static void checkSibling(
      JsonNode parent, String name, ObjectNode definition, String path, List<String> errors) {
    JsonNode enumeration = definition.get("enum");
    String sibling = definition.path("sibling").asText(null);
    JsonNode value = parent.get(name);
    if (enumeration == null
        || sibling == null
        || !parent.has(sibling)
        || value.asText().equals("99")) {
      return;
    }
    JsonNode entry = enumeration.get(value.asText());
    if (entry != null && !entry.path("caption").asText().equals(parent.get(sibling).asText())) {
      errors.add(
          path
              + ": sibling "
              + sibling
              + " is "
              + parent.get(sibling)
              + ", expected the caption '"
              + entry.path("caption").asText()
              + "'");
    }
  }

  private static void checkConstraints(
      JsonNode value, Resolved type, String path, List<String> errors) {
    JsonNode atLeastOne = type.constraints().get("at_least_one");
    if (atLeastOne != null) {
      boolean any = false;
      for (JsonNode name : atLeastOne) {
        any |= value.has(name.asText());
      }
      if (!any) {
        errors.add(path + ": " + type.name() + " needs at least one of " + atLeastOne);
      }
    }
    JsonNode justOne = type.constraints().get("just_one");
    if (justOne != null) {
      int present = 0;
      for (JsonNode name : justOne) {
        present += value.has(name.asText()) ? 1 : 0;
      }
      if (present != 1) {
        errors.add(
            path + ": " + type.name() + " needs exactly one of " + justOne + ", has " + present);
      }
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.properties().forEach(e -> names.add(e.getKey()));
    return names;
  }

  private static JsonNode read(Path file) {
    try {
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("failed to read OCSF schema file " + file, e);
    }
  }
}
