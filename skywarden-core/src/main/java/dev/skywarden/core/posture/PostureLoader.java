package dev.skywarden.core.posture;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a folder (recursively, in path order) or a single file of cloud exports and recognises each
 * file by its content, never by its name.
 *
 * <p>A file that is JSON, CSV or YAML but no known export is listed in {@link
 * PostureInputs#ignored()}. A file that is recognised but malformed raises a {@link
 * PostureInputException} naming the file and the field.
 *
 * <p>NOTE: each file is read whole into memory and then into a Jackson tree, bounded by {@code
 * maxFileBytes}; an export larger than that is rejected with its size instead of streamed. The tree
 * of a large authorization details export needs several times the file size in heap, so streaming
 * its user, group and role lists would be the next step for very large accounts. Stateless apart
 * from the limit, so thread-safe.
 */
public final class PostureLoader {

  /** The default maximum size of one export: 512 MiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 512L * 1024 * 1024;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final long maxFileBytes;

  /** Creates a loader with the default size limit. */
  public PostureLoader() {
    this(DEFAULT_MAX_FILE_BYTES);
  }

  /** Creates a loader that rejects files larger than {@code maxFileBytes}. */
  public PostureLoader(long maxFileBytes) {
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("maxFileBytes must be positive: " + maxFileBytes);
    }
    this.maxFileBytes = maxFileBytes;
  }

  /**
   * Reads every file under {@code path}, or the file itself.
   *
   * @throws NoSuchFileException when the path does not exist
   * @throws PostureInputException when a recognised file is malformed, or two configurations exist
   * @throws IOException when a file cannot be read
   */
  public PostureInputs load(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString());
    }
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(path)) {
      try (Stream<Path> walk = Files.walk(path)) {
        walk.filter(Files::isRegularFile).sorted().forEach(files::add);
      }
    } else {
      files.add(path);
    }

    List<PostureExport> exports = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    PostureConfig config = null;
    String configFile = null;
    Instant generated = null;
    for (Path file : files) {
      String name = file.toString();
      long size = Files.size(file);
      if (size > maxFileBytes) {
        throw new PostureInputException(
            name,
            "file of "
                + mebibytes(size)
                + " is larger than the "
                + mebibytes(maxFileBytes)
                + " limit for one posture export, because each export is read whole into memory;"
                + " split it, for example one export per account, subscription or project, or"
                + " remove the file from the folder if it is no export");
      }
      Optional<String> decoded = Utf8Text.decode(Files.readAllBytes(file));
      if (decoded.isEmpty()) {
        if (isYamlName(name)) {
          throw new PostureInputException(
              name,
              "not UTF-8 text (a binary file?); a .yml or .yaml file in the folder must be the"
                  + " posture configuration");
        }
        ignored.add(name + ": not UTF-8 text (a binary or compressed file?)");
        continue;
      }
      Recognised recognised = recognise(decoded.get(), name);
      if (recognised.export() == null && recognised.config() == null) {
        ignored.add(name + ": " + recognised.reason());
        continue;
      }
      if (recognised.config() != null) {
        if (config != null) {
          throw new PostureInputException(
              name, "second posture configuration; the first is " + configFile);
        }
        config = recognised.config();
        configFile = name;
        continue;
      }
      exports.add(recognised.export());
      if (recognised.generated() != null
          && (generated == null || recognised.generated().isAfter(generated))) {
        generated = recognised.generated();
      }
    }
    return new PostureInputs(
        exports,
        config == null ? PostureConfig.DEFAULTS : config,
        Optional.ofNullable(generated),
        ignored);
  }

  /** What one file turned out to be: an export, a configuration, or neither with a reason. */
  private record Recognised(
      PostureExport export, PostureConfig config, Instant generated, String reason) {
    static Recognised ignored(String reason) {
      return new Recognised(null, null, null, reason);
    }
  }

  private Recognised recognise(String text, String file) throws PostureInputException {
    String trimmed = text.stripLeading();
    if (trimmed.startsWith("\uFEFF")) {
      trimmed = trimmed.substring(1);
    }
    if (trimmed.isEmpty()) {
      return Recognised.ignored("empty file");
    }
    char first = trimmed.charAt(0);
    if (first == '{' || first == '[') {
      JsonNode json = readJson(trimmed, file);
      if (json.isObject() && PostureConfigReader.KEYS.stream().anyMatch(json::has)) {
        return new Recognised(null, PostureConfigReader.read(trimmed, file), null, null);
      }
      Recognised recognised = recogniseJson(json, file);
      // An object of no export kind whose keys are near the configuration keys is a configuration
      // with typos: reading it reports the unknown keys instead of ignoring the file.
      if (recognised.export() == null
          && json.isObject()
          && PostureConfigReader.nearConfig(() -> json.fieldNames())) {
        return new Recognised(null, PostureConfigReader.read(trimmed, file), null, null);
      }
      return recognised;
    }
    String header = trimmed.lines().findFirst().orElse("");
    if (CredentialReportCsv.looksLikeHeader(header)) {
      return new Recognised(
          new PostureExport(
              ExportKind.AWS_CREDENTIAL_REPORT, file, CredentialReportCsv.parse(trimmed, file)),
          null,
          null,
          null);
    }
    // A .yml or .yaml file can only be a configuration, so it is read as one even when every key
    // is misspelt or the YAML is invalid: the error is then reported instead of the file ignored.
    if (isYamlName(file)) {
      return new Recognised(null, PostureConfigReader.read(trimmed, file), null, null);
    }
    Map<?, ?> yaml = PostureConfigReader.parseMapping(trimmed);
    if (yaml != null && PostureConfigReader.isConfig(yaml)) {
      return new Recognised(null, PostureConfigReader.read(trimmed, file), null, null);
    }
    return Recognised.ignored("not JSON, a credential report or a posture configuration");
  }

  /** Returns a size as {@code 12.3 MiB (12897484 bytes)}, or in bytes below 1 MiB. */
  private static String mebibytes(long bytes) {
    if (bytes < 1024 * 1024) {
      return bytes + " bytes";
    }
    return String.format(Locale.ROOT, "%.1f MiB (%d bytes)", bytes / (1024.0 * 1024), bytes);
  }

  /** Tells whether a file name has a YAML extension ({@code .yml} or {@code .yaml}). */
  static boolean isYamlName(String file) {
    String lower = file.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yml") || lower.endsWith(".yaml");
  }

  /** Reads one JSON document, or several (JSON Lines, concatenated) into an array. */
  private static JsonNode readJson(String text, String file) throws PostureInputException {
    List<JsonNode> values = new ArrayList<>();
    // A parser loop, not readValues: readValues would unwrap a top-level array into its elements.
    try (JsonParser parser = MAPPER.createParser(text)) {
      for (JsonNode value = MAPPER.readTree(parser);
          value != null;
          value = MAPPER.readTree(parser)) {
        values.add(value);
      }
    } catch (JsonParseException e) {
      throw new PostureInputException(
          file,
          "invalid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new PostureInputException(file, "invalid JSON: " + e.getMessage(), e);
    }
    if (values.size() == 1) {
      return values.get(0);
    }
    ArrayNode array = MAPPER.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  private static Recognised recogniseJson(JsonNode json, String file) throws PostureInputException {
    if (json.isObject()) {
      if (json.has("UserDetailList") || json.has("RoleDetailList") || json.has("GroupDetailList")) {
        return export(ExportKind.AWS_AUTHORIZATION_DETAILS, file, json);
      }
      if (json.has("Content") && json.has("ReportFormat")) {
        return credentialReportJson(json, file);
      }
      if (json.has("SummaryMap")) {
        return export(ExportKind.AWS_ACCOUNT_SUMMARY, file, json);
      }
      if (json.has("VirtualMFADevices")) {
        return export(ExportKind.AWS_VIRTUAL_MFA_DEVICES, file, json.get("VirtualMFADevices"));
      }
      if (json.has("bindings") || (json.has("etag") && json.has("version"))) {
        return export(ExportKind.GCP_IAM_POLICY, file, json);
      }
      if (json.has("keys") && json.get("keys").isArray()) {
        return listExport(json.get("keys"), file);
      }
      if (json.has("value") && json.get("value").isArray()) {
        return listExport(json.get("value"), file);
      }
      if (json.has("results") && json.get("results").isArray()) {
        return listExport(json.get("results"), file);
      }
      return Recognised.ignored("JSON object of no known export kind");
    }
    if (json.isArray()) {
      return listExport(json, file);
    }
    return Recognised.ignored("JSON value that is neither an object nor an array");
  }

  /** Recognises a list by its first object element. */
  private static Recognised listExport(JsonNode array, String file) {
    JsonNode sample = null;
    for (JsonNode element : array) {
      if (element.isObject()) {
        sample =
            element.has("properties") && element.get("properties").isObject()
                ? element.get("properties")
                : element;
        break;
      }
    }
    if (sample == null) {
      return Recognised.ignored(array.isEmpty() ? "empty JSON list" : "JSON list without objects");
    }
    if (sample.has("roleDefinitionName") || (sample.has("principalName") && sample.has("scope"))) {
      return export(ExportKind.AZURE_ROLE_ASSIGNMENTS, file, array);
    }
    if (sample.has("isMfaRegistered")) {
      return export(ExportKind.ENTRA_REGISTRATION_DETAILS, file, array);
    }
    if (sample.has("principalId")
        && sample.has("roleDefinitionId")
        && sample.has("scope")
        && !sample.has("memberType")) {
      return export(ExportKind.AZURE_ROLE_ASSIGNMENTS, file, array);
    }
    if (sample.has("principalId") && sample.has("roleDefinitionId")) {
      return export(
          sample.has("assignmentType")
              ? ExportKind.AZURE_PIM_ASSIGNMENTS
              : ExportKind.AZURE_PIM_ELIGIBILITY,
          file,
          array);
    }
    if (sample.has("keyType")) {
      return export(ExportKind.GCP_SERVICE_ACCOUNT_KEYS, file, array);
    }
    if (sample.has("iamPolicy") || sample.has("iam_policy") || sample.has("policy")) {
      return export(ExportKind.GCP_ASSET_IAM_POLICIES, file, array);
    }
    return Recognised.ignored("JSON list of no known export kind");
  }

  private static Recognised credentialReportJson(JsonNode json, String file)
      throws PostureInputException {
    String format = json.path("ReportFormat").asText();
    if (!format.equalsIgnoreCase("text/csv")) {
      throw new PostureInputException(
          file, "field 'ReportFormat': expected text/csv, got '" + format + "'");
    }
    JsonNode content = json.get("Content");
    if (!content.isTextual()) {
      throw new PostureInputException(file, "field 'Content': expected base64 text");
    }
    String csv;
    try {
      csv = new String(Base64.getMimeDecoder().decode(content.asText()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new PostureInputException(
          file, "field 'Content': invalid base64: " + e.getMessage(), e);
    }
    Instant generated = null;
    if (json.hasNonNull("GeneratedTime")) {
      try {
        generated = Timestamps.parse(json.get("GeneratedTime").asText());
      } catch (DateTimeParseException e) {
        throw new PostureInputException(
            file,
            "field 'GeneratedTime': invalid time '" + json.get("GeneratedTime").asText() + "'");
      }
    }
    ArrayNode rows = CredentialReportCsv.parse(csv, file + " (Content)");
    return new Recognised(
        new PostureExport(ExportKind.AWS_CREDENTIAL_REPORT, file, rows), null, generated, null);
  }

  private static Recognised export(ExportKind kind, String file, JsonNode data) {
    return new Recognised(new PostureExport(kind, file, data), null, null, null);
  }

  /** Returns an empty object node, for callers that build exports in tests. */
  static ObjectNode emptyObject() {
    return MAPPER.createObjectNode();
  }
}
