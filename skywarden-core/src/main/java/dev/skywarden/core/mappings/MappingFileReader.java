package dev.skywarden.core.mappings;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads Mappings Explorer JSON files that a user downloaded, validating them against the unified
 * data schema and reporting each bad record with file, line, column and JSON Pointer.
 *
 * <p>A file is used when its {@code metadata} is valid; bad records in it are left out and
 * reported, good ones kept. Records with status {@code non_mappable} or {@code in_progress} are
 * valid but map nothing. Beyond the schema, a {@code complete} record needs an ATT&CK id ({@code
 * T1059.009}) and a capability id, and NIST SP 800-53 capability ids must be control ids ({@code
 * AC-02}), which are stored in NIST's form ({@code AC-2}).
 *
 * <p>Instances hold no state and are safe to share between threads.
 */
public final class MappingFileReader {

  /** The number of problems reported per file; further ones are only counted. */
  public static final int MAX_PROBLEMS_PER_FILE = 50;

  private final ObjectMapper mapper = new ObjectMapper();

  /** One element of {@code mapping_objects} with where it starts in the file. */
  private record Positioned(int index, int line, int column, JsonNode node) {}

  /** Problems of one file, bounded by {@link #MAX_PROBLEMS_PER_FILE}. */
  private static final class Problems {
    final String file;
    final List<MappingProblem> list = new ArrayList<>();
    int count;

    Problems(String file) {
      this.file = file;
    }

    void add(String pointer, int line, int column, String message) {
      count++;
      if (list.size() < MAX_PROBLEMS_PER_FILE) {
        list.add(new MappingProblem(file, pointer, line, column, message));
      }
    }

    List<MappingProblem> finish() {
      if (count > list.size()) {
        list.add(
            new MappingProblem(file, "", 0, 0, (count - list.size()) + " more problems not shown"));
      }
      return list;
    }
  }

  /**
   * Reads every {@code *.json} file directly in a folder, in file-name order.
   *
   * @throws IOException when the folder cannot be listed
   */
  public MappingImport readDirectory(Path directory) throws IOException {
    List<Path> paths;
    try (Stream<Path> listing = Files.list(directory)) {
      paths =
          listing
              .filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
              .sorted()
              .toList();
    }
    List<MappingFile> files = new ArrayList<>();
    List<MappingProblem> problems = new ArrayList<>();
    int read = 0;
    int rejected = 0;
    for (Path path : paths) {
      Result result = read(path);
      result.file().ifPresent(files::add);
      problems.addAll(result.problems());
      read += result.recordsRead();
      rejected += result.recordsRejected();
    }
    return new MappingImport(files, problems, read, rejected);
  }

  /**
   * The result of reading one file.
   *
   * @param file the usable content, or empty when the file cannot be used at all
   * @param problems the problems found, at most {@link #MAX_PROBLEMS_PER_FILE} plus a count line
   * @param recordsRead the number of elements of {@code mapping_objects}
   * @param recordsRejected the number of elements left out as invalid
   */
  public record Result(
      Optional<MappingFile> file,
      List<MappingProblem> problems,
      int recordsRead,
      int recordsRejected) {

    public Result {
      problems = List.copyOf(problems);
    }
  }

  /** Reads and validates one file; never throws for bad content, which becomes problems. */
  public Result read(Path path) {
    Problems problems = new Problems(path.toString());
    JsonNode metadata = null;
    int metadataLine = 0;
    int metadataColumn = 0;
    List<Positioned> records = new ArrayList<>();
    // Unknown top-level properties are reported only for a file with metadata: for any other
    // JSON file the one message that it is not a mapping file says enough.
    List<MappingProblem> unknown = new ArrayList<>();
    try (JsonParser parser = mapper.createParser(path.toFile())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        problems.add("", 1, 1, "not a Mappings Explorer file: the top level is not a JSON object");
        return new Result(Optional.empty(), problems.finish(), 0, 0);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        JsonLocation location = parser.currentTokenLocation();
        if (name.equals("metadata")) {
          metadataLine = location.getLineNr();
          metadataColumn = location.getColumnNr();
          metadata = parser.readValueAsTree();
        } else if (name.equals("mapping_objects") && value == JsonToken.START_ARRAY) {
          readRecords(parser, records);
        } else if (name.equals("mapping_objects")) {
          problems.add(
              "/mapping_objects", location.getLineNr(), location.getColumnNr(), "must be an array");
          parser.skipChildren();
        } else {
          unknown.add(
              new MappingProblem(
                  path.toString(),
                  "/" + name,
                  location.getLineNr(),
                  location.getColumnNr(),
                  "unknown property"));
          parser.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      problems.add(
          "",
          location == null ? 0 : location.getLineNr(),
          location == null ? 0 : location.getColumnNr(),
          "invalid JSON: " + e.getOriginalMessage());
      return new Result(Optional.empty(), problems.finish(), records.size(), records.size());
    } catch (IOException e) {
      problems.add("", 0, 0, "failed to read: " + e);
      return new Result(Optional.empty(), problems.finish(), 0, 0);
    }

    if (metadata == null) {
      problems.add("", 0, 0, "not a Mappings Explorer file: missing property 'metadata'");
      return new Result(Optional.empty(), problems.finish(), records.size(), records.size());
    }
    for (MappingProblem problem : unknown) {
      problems.add(problem.pointer(), problem.line(), problem.column(), problem.message());
    }
    List<MappingSchema.Violation> metadataViolations = MappingSchema.checkMetadata(metadata);
    for (MappingSchema.Violation violation : metadataViolations) {
      problems.add(
          "/metadata" + violation.pointer(), metadataLine, metadataColumn, violation.message());
    }
    if (!metadataViolations.isEmpty()) {
      return new Result(Optional.empty(), problems.finish(), records.size(), records.size());
    }

    Framework framework = framework(metadata, path);
    return readMappings(framework, records, problems);
  }

  private static void readRecords(JsonParser parser, List<Positioned> records) throws IOException {
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      JsonLocation start = parser.currentTokenLocation();
      JsonNode node = parser.readValueAsTree();
      records.add(new Positioned(index, start.getLineNr(), start.getColumnNr(), node));
      index++;
    }
  }

  private static Framework framework(JsonNode metadata, Path path) {
    String name = metadata.get("mapping_framework").asText();
    String version = metadata.get("mapping_framework_version").asText();
    String key = FrameworkKeys.key(name, version);
    Map<String, String> groups = new HashMap<>();
    for (Map.Entry<String, JsonNode> group : metadata.get("capability_groups").properties()) {
      groups.put(group.getKey(), group.getValue().asText());
    }
    JsonNode lastUpdate = metadata.get("last_update");
    return new Framework(
        key,
        FrameworkKeys.label(key),
        FrameworkKeys.kind(key),
        name,
        version,
        metadata.get("attack_version").asText(),
        lastUpdate == null || !lastUpdate.isTextual() ? null : lastUpdate.asText(),
        String.valueOf(path.getFileName()),
        groups);
  }

  private static Result readMappings(
      Framework framework, List<Positioned> records, Problems problems) {
    List<Mapping> mappings = new ArrayList<>();
    Map<String, String> techniqueNames = new HashMap<>();
    Map<String, Capability> capabilities = new HashMap<>();
    Set<Mapping> seen = new LinkedHashSet<>();
    int notComplete = 0;
    int rejected = 0;
    for (Positioned record : records) {
      String pointer = "/mapping_objects/" + record.index();
      List<MappingSchema.Violation> violations = MappingSchema.checkMappingObject(record.node());
      if (violations.isEmpty()) {
        violations = checkComplete(framework, record.node());
      }
      if (!violations.isEmpty()) {
        rejected++;
        for (MappingSchema.Violation violation : violations) {
          problems.add(
              pointer + violation.pointer(), record.line(), record.column(), violation.message());
        }
        continue;
      }
      JsonNode node = record.node();
      if (!"complete".equals(node.path("status").asText("complete"))) {
        notComplete++;
        continue;
      }
      Mapping mapping = toMapping(framework, node, capabilities);
      techniqueNames.putIfAbsent(mapping.techniqueId(), node.path("attack_object_name").asText(""));
      if (seen.add(mapping)) {
        mappings.add(mapping);
      }
    }
    MappingFile file = new MappingFile(framework, mappings, techniqueNames, notComplete);
    return new Result(Optional.of(file), problems.finish(), records.size(), rejected);
  }

  /** Checks what a complete record needs beyond the schema. */
  private static List<MappingSchema.Violation> checkComplete(Framework framework, JsonNode node) {
    List<MappingSchema.Violation> violations = new ArrayList<>();
    if (!"complete".equals(node.path("status").asText("complete"))) {
      return violations;
    }
    String techniqueId = node.path("attack_object_id").asText("").trim().toUpperCase(Locale.ROOT);
    if (!TechniqueIds.isCanonical(techniqueId)) {
      violations.add(
          new MappingSchema.Violation(
              "/attack_object_id",
              "complete mapping needs an ATT&CK technique id such as T1059.009, found "
                  + node.path("attack_object_id")));
    }
    String capabilityId = node.path("capability_id").asText("").trim();
    if (capabilityId.isEmpty()) {
      violations.add(
          new MappingSchema.Violation(
              "/capability_id",
              "complete mapping needs a capability id, found " + node.path("capability_id")));
    } else if (isNist(framework) && ControlIds.nistForm(capabilityId).isEmpty()) {
      violations.add(
          new MappingSchema.Violation(
              "/capability_id",
              "invalid NIST SP 800-53 control id '" + capabilityId + "', expected such as AC-02"));
    }
    return violations;
  }

  private static Mapping toMapping(
      Framework framework, JsonNode node, Map<String, Capability> capabilities) {
    String rawId = node.get("capability_id").asText().trim();
    String capabilityId = isNist(framework) ? ControlIds.nistForm(rawId).orElseThrow() : rawId;
    Capability capability =
        capabilities.computeIfAbsent(
            capabilityId,
            id ->
                new Capability(
                    id,
                    capabilityName(framework, id, node.path("capability_description").asText("")),
                    node.path("capability_group").asText("")));
    String rawType = node.path("mapping_type").asText("");
    String scoreCategory = textOrNull(node.get("score_category"));
    return new Mapping(
        framework,
        node.get("attack_object_id").asText().trim().toUpperCase(Locale.ROOT),
        capability,
        rawType,
        MappingType.of(rawType, scoreCategory),
        scoreCategory,
        textOrNull(node.get("score_value")));
  }

  /** Returns a capability's short name; VERIS ids end with the name and carry descriptions. */
  static String capabilityName(Framework framework, String id, String description) {
    if (framework.key().equals("veris")) {
      String[] parts = id.split("\\.", 4);
      return parts.length == 4 ? parts[3] : id;
    }
    return description.isBlank() ? id : description;
  }

  private static boolean isNist(Framework framework) {
    return framework.framework().equals("nist_800_53");
  }

  private static String textOrNull(JsonNode node) {
    return node == null || node.isNull() || node.asText().isEmpty() ? null : node.asText();
  }
}
