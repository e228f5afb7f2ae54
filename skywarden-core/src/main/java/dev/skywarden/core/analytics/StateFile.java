package dev.skywarden.core.analytics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.event.CloudProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the saved analytics state: one JSON file, {@value #FILE_NAME}, in the state
 * folder.
 *
 * <p>Format (version {@value #VERSION}): {@code {"format": "skywarden-analytics-state", "version":
 * 2, "saved_at": ISO time, "identities": [{"scope", "provider", "id", "type", "account",
 * "peer_groups": [...], "events", "first_seen", "last_seen", "rate": {"active_buckets", "calls",
 * "failed", "max_calls", "max_distinct_discovery"}, "features": {"operation": [[value, count,
 * first_seen, last_seen], ...], ...}}]}}. Identities are streamed one by one, so reading needs
 * memory for the state but not for a second tree of it.
 *
 * <p>Writing goes to a temporary file in the same folder that is then renamed over the old file, so
 * a crash leaves the old state or the new one, never half of one.
 */
public final class StateFile {

  /** The file name in the state folder. */
  public static final String FILE_NAME = "analytics-state.json";

  /**
   * The format version this class writes. Version 2 added the {@code cloud range} feature kind and
   * the {@code before} checkpoint, which version 1 readers cannot read.
   */
  public static final int VERSION = 2;

  /** The format versions this class reads: version 1 files lack only what version 2 added. */
  public static final List<Integer> SUPPORTED_VERSIONS = List.of(1, 2);

  static final String FORMAT = "skywarden-analytics-state";

  private static final DateTimeFormatter DAMAGED_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private StateFile() {}

  /**
   * Reads the state of a folder; a folder without a state file gives {@link SavedState#EMPTY}.
   *
   * @throws StateFileException naming the file, with the line and column, when it is not a valid
   *     state file of this version
   * @throws IOException naming the file when it cannot be read, such as when it is a folder
   */
  public static SavedState read(Path folder) throws IOException {
    Path file = folder.resolve(FILE_NAME);
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      return SavedState.EMPTY;
    } catch (IOException e) {
      throw new IOException("failed to read the analytics state " + file + ": " + reason(e), e);
    }
    try (in;
        JsonParser parser = FACTORY.createParser(in)) {
      parser.setCodec(MAPPER);
      return read(parser, file);
    } catch (JsonProcessingException e) {
      throw new StateFileException(file, e.getOriginalMessage() + at(e.getLocation()), e);
    } catch (StateFileException e) {
      throw e;
    } catch (IOException e) {
      // The JDK's message may be only "Is a directory", without the path.
      throw new IOException("failed to read the analytics state " + file + ": " + reason(e), e);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof FileSystemException fileError) {
      return fileError.getReason() != null
          ? fileError.getReason()
          : e.getClass().getSimpleName().replace("Exception", "");
    }
    return String.valueOf(e.getMessage());
  }

  private static SavedState read(JsonParser parser, Path file) throws IOException {
    expect(parser, parser.nextToken() == JsonToken.START_OBJECT, "expected a JSON object", file);
    Instant savedAt = null;
    boolean formatSeen = false;
    boolean versionSeen = false;
    TreeMap<ProfileKey, IdentityHistory> identities = new TreeMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "format" -> {
          expect(parser, FORMAT.equals(parser.getText()), "format is not " + FORMAT, file);
          formatSeen = true;
        }
        case "version" -> {
          checkVersion(parser, file);
          versionSeen = true;
        }
        case "saved_at" -> savedAt = instant(parser.getText(), parser, file);
        case "identities" -> {
          expect(parser, parser.currentToken() == JsonToken.START_ARRAY, "expected an array", file);
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            // Anything but an object would end a plain START_OBJECT loop early and silently
            // drop every identity after it, which the next save would then overwrite.
            expect(
                parser,
                parser.currentToken() == JsonToken.START_OBJECT,
                "an identity must be a JSON object, not " + parser.getText(),
                file);
            JsonLocation location = parser.currentLocation();
            JsonNode node = parser.readValueAsTree();
            IdentityHistory history = identity(node, file, location);
            identities.put(history.key(), history);
          }
        }
        default -> parser.skipChildren();
      }
    }
    expect(parser, formatSeen, "the format field is missing", file);
    expect(
        parser,
        versionSeen,
        "the version field is missing (supported versions: " + supported() + ")",
        file);
    return new SavedState(savedAt, identities);
  }

  private static void checkVersion(JsonParser parser, Path file) throws IOException {
    expect(
        parser,
        parser.currentToken() == JsonToken.VALUE_NUMBER_INT,
        "the version field must be an integer, not " + parser.getText(),
        file);
    long version = parser.getLongValue();
    if (version == (int) version && SUPPORTED_VERSIONS.contains((int) version)) {
      return;
    }
    String reason =
        version > VERSION
            ? "version " + version + " was written by a newer Skywarden"
            : "version " + version + " is not supported";
    expect(parser, false, reason + " (supported versions: " + supported() + ")", file);
  }

  private static String supported() {
    StringBuilder text = new StringBuilder();
    for (int version : SUPPORTED_VERSIONS) {
      text.append(text.length() == 0 ? "" : ", ").append(version);
    }
    return text.toString();
  }

  private static IdentityHistory identity(JsonNode node, Path file, JsonLocation location)
      throws StateFileException {
    try {
      ProfileKey key =
          new ProfileKey(
              ProfileKey.Scope.valueOf(text(node, "scope").toUpperCase(Locale.ROOT)),
              CloudProvider.valueOf(text(node, "provider").toUpperCase(Locale.ROOT)),
              text(node, "id"));
      List<String> groups = new ArrayList<>();
      node.path("peer_groups").forEach(group -> groups.add(group.asText()));
      Map<FeatureKind, Map<String, IdentityHistory.ValueHistory>> features =
          new EnumMap<>(FeatureKind.class);
      for (var entry : node.path("features").properties()) {
        Map<String, IdentityHistory.ValueHistory> values = new HashMap<>();
        for (JsonNode value : entry.getValue()) {
          if (!value.isArray() || value.size() != 4) {
            throw new IllegalArgumentException(
                "a feature value must be [value, count, first_seen, last_seen]: " + value);
          }
          values.put(
              value.get(0).asText(),
              new IdentityHistory.ValueHistory(
                  value.get(1).asLong(),
                  Instant.parse(value.get(2).asText()),
                  Instant.parse(value.get(3).asText())));
        }
        features.put(FeatureKind.parse(entry.getKey()), values);
      }
      JsonNode before = node.get("before");
      IdentityHistory.Checkpoint checkpoint =
          before == null || before.isNull()
              ? null
              : new IdentityHistory.Checkpoint(
                  Instant.parse(text(before, "since")),
                  before.path("events").asLong(),
                  Instant.parse(text(before, "first_seen")),
                  Instant.parse(text(before, "last_seen")),
                  rate(before.path("rate")));
      return new IdentityHistory(
          key,
          node.path("type").asText("UNKNOWN"),
          node.hasNonNull("account") ? node.get("account").asText() : null,
          groups,
          node.path("events").asLong(),
          Instant.parse(text(node, "first_seen")),
          Instant.parse(text(node, "last_seen")),
          features,
          rate(node.path("rate")),
          checkpoint);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new StateFileException(
          file, "invalid identity" + at(location) + ": " + e.getMessage(), e);
    }
  }

  private static IdentityHistory.RateBaseline rate(JsonNode rate) {
    return new IdentityHistory.RateBaseline(
        rate.path("active_buckets").asLong(),
        rate.path("calls").asLong(),
        rate.path("failed").asLong(),
        rate.path("max_calls").asLong(),
        rate.path("max_distinct_discovery").asLong());
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("the field " + field + " is missing");
    }
    return value.asText();
  }

  private static Instant instant(String text, JsonParser parser, Path file)
      throws StateFileException {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new StateFileException(
          file, "invalid time '" + text + "'" + at(parser.currentLocation()), e);
    }
  }

  private static void expect(JsonParser parser, boolean condition, String reason, Path file)
      throws StateFileException {
    if (!condition) {
      throw new StateFileException(file, reason + at(parser.currentLocation()), null);
    }
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /**
   * Returns the name under which a damaged state file is kept aside, such as {@code
   * analytics-state.json.damaged-20260301T120000Z}.
   *
   * @param time when the damage was found; the name has it to the second, in UTC
   */
  public static String damagedName(Instant time) {
    return FILE_NAME + ".damaged-" + DAMAGED_TIME.format(time);
  }

  /**
   * Renames the state file of the folder to {@code damagedName} in the same folder, so that a new
   * state can be written without losing the damaged one.
   *
   * @return the new path of the damaged file
   * @throws IOException when the rename fails, such as when {@code damagedName} exists already
   */
  public static Path setAside(Path folder, String damagedName) throws IOException {
    return Files.move(folder.resolve(FILE_NAME), folder.resolve(damagedName));
  }

  /**
   * Writes the state to the folder, creating it when missing: to a temporary file first, which is
   * then renamed over {@value #FILE_NAME}.
   *
   * @throws IOException when the folder or file cannot be written; the old state is then intact
   */
  public static void write(Path folder, SavedState state) throws IOException {
    Files.createDirectories(folder);
    Path target = folder.resolve(FILE_NAME);
    Path temporary = Files.createTempFile(folder, FILE_NAME, ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temporary);
          JsonGenerator json = FACTORY.createGenerator(out)) {
        write(json, state);
      }
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void write(JsonGenerator json, SavedState state) throws IOException {
    json.writeStartObject();
    json.writeStringField("format", FORMAT);
    json.writeNumberField("version", VERSION);
    if (state.savedAt() != null) {
      json.writeStringField("saved_at", state.savedAt().toString());
    }
    json.writeArrayFieldStart("identities");
    for (IdentityHistory history : state.identities().values()) {
      json.writeRaw('\n');
      json.writeStartObject();
      json.writeStringField("scope", history.key().scope().label());
      json.writeStringField("provider", history.key().provider().id());
      json.writeStringField("id", history.key().id());
      json.writeStringField("type", history.type());
      json.writeStringField("account", history.account());
      json.writeArrayFieldStart("peer_groups");
      for (String group : history.peerGroups()) {
        json.writeString(group);
      }
      json.writeEndArray();
      json.writeNumberField("events", history.events());
      json.writeStringField("first_seen", history.firstSeen().toString());
      json.writeStringField("last_seen", history.lastSeen().toString());
      writeRate(json, history.rate());
      json.writeObjectFieldStart("features");
      for (var entry : history.features().entrySet()) {
        json.writeArrayFieldStart(entry.getKey().label());
        for (var value : new TreeMap<>(entry.getValue()).entrySet()) {
          json.writeStartArray();
          json.writeString(value.getKey());
          json.writeNumber(value.getValue().count());
          json.writeString(value.getValue().firstSeen().toString());
          json.writeString(value.getValue().lastSeen().toString());
          json.writeEndArray();
        }
        json.writeEndArray();
      }
      json.writeEndObject();
      IdentityHistory.Checkpoint before = history.before();
      if (before != null) {
        json.writeObjectFieldStart("before");
        json.writeStringField("since", before.since().toString());
        json.writeNumberField("events", before.events());
        json.writeStringField("first_seen", before.firstSeen().toString());
        json.writeStringField("last_seen", before.lastSeen().toString());
        writeRate(json, before.rate());
        json.writeEndObject();
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeRaw('\n');
  }

  private static void writeRate(JsonGenerator json, IdentityHistory.RateBaseline rate)
      throws IOException {
    json.writeObjectFieldStart("rate");
    json.writeNumberField("active_buckets", rate.activeBuckets());
    json.writeNumberField("calls", rate.calls());
    json.writeNumberField("failed", rate.failed());
    json.writeNumberField("max_calls", rate.maxCalls());
    json.writeNumberField("max_distinct_discovery", rate.maxDistinctDiscovery());
    json.writeEndObject();
  }
}
