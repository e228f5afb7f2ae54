package dev.skywarden.core.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.json.Shape;
import dev.skywarden.core.json.ShapeCache;
import dev.skywarden.core.json.ShapedObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The top-level fields of one record that {@link FormatDetector} looks for, found in one pass over
 * the record's keys.
 *
 * <p>Format detection reads about 25 top-level names, and a CloudTrail record, tested last, has
 * almost none of them. Each missed {@link JsonFields#get} compares the name with every key ignoring
 * case, so a CloudTrail record cost about 15 scans of its keys. This class scans the keys once and
 * keeps a bit per marker name that some key equals ignoring case ({@link String#equalsIgnoreCase}).
 * Its accessors return exactly what the {@link JsonFields} method of the same name returns for that
 * name, and skip the lookup when the bit is clear.
 *
 * <p>Immutable and thread-safe; the record must not change while the instance is in use.
 */
final class MarkerFields {

  /** The names {@link FormatDetector} reads at the top level of a record; at most 64. */
  static final List<String> NAMES =
      List.of(
          "protoPayload",
          "jsonPayload",
          "category",
          "Type",
          "apiVersion",
          "kind",
          "verb",
          "objectRef",
          "auditID",
          "createdDateTime",
          "userPrincipalName",
          "appId",
          "ipAddress",
          "activityDisplayName",
          "loggedByService",
          "initiatedBy",
          "targetResources",
          "OperationNameValue",
          "operationName",
          "resourceId",
          "evt",
          "eventCategory",
          "insightDetails",
          "eventSource",
          "eventName");

  private static final Map<String, Integer> BIT_BY_NAME = new HashMap<>();

  /** For each name length, the bits of the names of that length. */
  private static final int[][] BITS_BY_LENGTH;

  static {
    int maxLength = 0;
    for (int bit = 0; bit < NAMES.size(); bit++) {
      BIT_BY_NAME.put(NAMES.get(bit), bit);
      maxLength = Math.max(maxLength, NAMES.get(bit).length());
    }
    List<List<Integer>> byLength = new ArrayList<>();
    for (int length = 0; length <= maxLength; length++) {
      byLength.add(new ArrayList<>());
    }
    for (int bit = 0; bit < NAMES.size(); bit++) {
      byLength.get(NAMES.get(bit).length()).add(bit);
    }
    BITS_BY_LENGTH = new int[maxLength + 1][];
    for (int length = 0; length <= maxLength; length++) {
      BITS_BY_LENGTH[length] = byLength.get(length).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /**
   * How many distinct top-level keys {@link #BITS_BY_KEY} keeps. A log format has a few dozen, so
   * this bounds the map for inputs with random keys, whose further keys are scanned every time.
   */
  static final int MAX_REMEMBERED_KEYS = 4096;

  /**
   * The {@link #bitsMatching} and {@link JsonFields#keyBit} of top-level keys seen so far, by key.
   */
  private static final ConcurrentMap<String, KeyBits> BITS_BY_KEY = new ConcurrentHashMap<>();

  /** The marker bits and the key filter bit of one key. */
  private record KeyBits(long markers, long filter) {}

  /** Returns how many keys are remembered, for tests of the bound. */
  static int rememberedKeys() {
    return BITS_BY_KEY.size();
  }

  /**
   * The bits of the markers that CloudTrail management and data events have: a record with no other
   * marker is CloudTrail, an Insights event or of no known format.
   */
  private static final long CLOUDTRAIL_BITS =
      (1L << BIT_BY_NAME.get("eventSource"))
          | (1L << BIT_BY_NAME.get("eventName"))
          | (1L << BIT_BY_NAME.get("eventCategory"));

  private final JsonNode record;

  /** Bit {@code i} is set when a key equals {@code NAMES.get(i)} ignoring case. */
  private final long present;

  /** The {@link JsonFields#keyBits} of the record. */
  private final long keyBits;

  private MarkerFields(JsonNode record, long present, long keyBits) {
    this.record = record;
    this.present = present;
    this.keyBits = keyBits;
  }

  /** The marker bits and key filter bits of the keys of a shape, found once per shape. */
  private static final ShapeCache<KeyBits> SHAPE_BITS = new ShapeCache<>(MarkerFields::scan);

  /**
   * Scans the top-level keys of {@code record}, which may be any node or {@code null}; for a record
   * read by the log reader, the keys of its shape were scanned once for every record.
   */
  static MarkerFields of(JsonNode record) {
    if (record instanceof ShapedObjectNode shaped) {
      Shape shape = shaped.shape();
      if (shape != null) {
        KeyBits bits = shape.cached(SHAPE_BITS);
        return new MarkerFields(record, bits.markers(), bits.filter());
      }
    }
    long present = 0;
    long keyBits = 0;
    if (record != null && record.isObject()) {
      Iterator<String> keys = record.fieldNames();
      while (keys.hasNext()) {
        String key = keys.next();
        KeyBits known = BITS_BY_KEY.get(key);
        if (known == null) {
          known = remember(key);
        }
        present |= known.markers();
        keyBits |= known.filter();
      }
    }
    return new MarkerFields(record, present, keyBits);
  }

  private static KeyBits scan(List<String> keys) {
    long present = 0;
    long keyBits = 0;
    for (String key : keys) {
      present |= bitsMatching(key);
      keyBits |= JsonFields.keyBit(key);
    }
    return new KeyBits(present, keyBits);
  }

  /** Returns the record whose keys were scanned. */
  JsonNode record() {
    return record;
  }

  /**
   * Returns the {@link JsonFields#keyBits} of the record, found in the same pass, for lookups of
   * other top-level fields.
   */
  long keyBits() {
    return keyBits;
  }

  /**
   * Returns true when no key equals a marker name ignoring case except {@code eventSource}, {@code
   * eventName} and {@code eventCategory}, the markers of CloudTrail records.
   */
  boolean onlyCloudTrailMarkers() {
    return (present & ~CLOUDTRAIL_BITS) == 0;
  }

  /** The maximum length of a remembered key, so that huge keys cost no memory here. */
  static final int MAX_REMEMBERED_KEY_LENGTH = 64;

  /**
   * Returns the bits of {@code key}, remembered for the first {@link #MAX_REMEMBERED_KEYS} distinct
   * keys of at most {@link #MAX_REMEMBERED_KEY_LENGTH} characters. The JSON parser interns field
   * names, so the keys of a log repeat as the same few strings, whose hash codes are cached.
   */
  private static KeyBits remember(String key) {
    KeyBits bits = new KeyBits(bitsMatching(key), JsonFields.keyBit(key));
    if (key.length() <= MAX_REMEMBERED_KEY_LENGTH && BITS_BY_KEY.size() < MAX_REMEMBERED_KEYS) {
      BITS_BY_KEY.put(key, bits);
    }
    return bits;
  }

  private static long bitsMatching(String key) {
    if (key.length() >= BITS_BY_LENGTH.length) {
      return 0;
    }
    long bits = 0;
    for (int bit : BITS_BY_LENGTH[key.length()]) {
      if (JsonFields.equalsIgnoreCase(key, NAMES.get(bit))) {
        bits |= 1L << bit;
      }
    }
    return bits;
  }

  /** Returns {@link JsonFields#get JsonFields.get(record, name)}. */
  JsonNode get(String name) {
    return isPresent(name) ? JsonFields.get(record, name) : null;
  }

  /** Returns {@link JsonFields#has JsonFields.has(record, name)}. */
  boolean has(String name) {
    return isPresent(name) && JsonFields.has(record, name);
  }

  /** Returns {@link JsonFields#text JsonFields.text(record, name)}. */
  String text(String name) {
    return isPresent(name) ? JsonFields.text(record, name) : null;
  }

  /**
   * Returns whether some top-level key equals {@code name} ignoring case.
   *
   * @throws IllegalArgumentException when {@code name} is not one of {@link #NAMES}
   */
  boolean isPresent(String name) {
    Integer bit = BIT_BY_NAME.get(name);
    if (bit == null) {
      throw new IllegalArgumentException(
          "invalid marker field " + name + ": add it to MarkerFields.NAMES before reading it");
    }
    return (present & (1L << bit)) != 0;
  }
}
