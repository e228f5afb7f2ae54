package dev.skywarden.core.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.json.Shape;
import dev.skywarden.core.json.ShapedObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Sigma field name resolved against a JSON event. Immutable and thread-safe.
 *
 * <p>The name is split at dots into a path ({@code userIdentity.sessionContext.type}); at each
 * object, joined segments are tried as literal keys too, longest first, so a key that contains dots
 * ({@code data.field}) is found. A key is looked up exactly first and, only when that fails, with
 * letter case ignored. An array met on the way is crossed: each element is followed, so the path
 * resolves to every value reached.
 *
 * <p>Objects read by the log reader ({@link ShapedObjectNode}) are looked up through the index of
 * their shape, and the joined keys are tried only when some key of the shape has a dot. Other
 * objects are looked up by key and, on a miss, by a scan of their keys.
 *
 * <p>A path made by {@link #firstPresent} has several candidate event paths for one rule field
 * (from a field mapping); it resolves to the values of the first candidate that is present in the
 * event.
 *
 * <p>Every path has an {@linkplain #id() id} that is equal for paths with the same candidate event
 * paths, so a per-event cache ({@link EventFields}) can share one resolution between rules.
 */
public final class FieldPath {

  /**
   * The ids handed out so far, by candidate event paths. NOTE: it only grows, by one entry per
   * distinct field (with its mapping) of every rule compiled in this JVM.
   */
  private static final ConcurrentMap<List<String>, Integer> IDS = new ConcurrentHashMap<>();

  private static final AtomicInteger NEXT_ID = new AtomicInteger();

  private final String name;
  private final List<String> paths;
  private final List<String[][]> candidates;
  private final int id;

  private FieldPath(String name, List<String> paths) {
    this.name = name;
    this.paths = List.copyOf(paths);
    this.id = IDS.computeIfAbsent(this.paths, key -> NEXT_ID.getAndIncrement());
    List<String[][]> tables = new ArrayList<>(paths.size());
    for (String path : paths) {
      tables.add(keyTable(path));
    }
    this.candidates = List.copyOf(tables);
  }

  private static String[][] keyTable(String path) {
    String[] segments = path.split("\\.", -1);
    String[][] keys = new String[segments.length][segments.length];
    for (int from = 0; from < segments.length; from++) {
      StringBuilder key = new StringBuilder();
      for (int to = from; to < segments.length; to++) {
        if (to > from) {
          key.append('.');
        }
        key.append(segments[to]);
        // Interned like the parser's field names, so that shape lookups compare by identity.
        keys[from][to] = key.toString().intern();
      }
    }
    return keys;
  }

  /** Returns the path for a Sigma field name. */
  public static FieldPath of(String name) {
    return new FieldPath(Objects.requireNonNull(name, "name"), List.of(name));
  }

  /**
   * Returns a path for the rule field {@code name} that resolves to the values of the first of
   * {@code paths} present in an event (present: it reaches at least one value, JSON null included).
   *
   * @throws IllegalArgumentException when {@code paths} is empty
   */
  public static FieldPath firstPresent(String name, List<String> paths) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("no candidate path for field '" + name + "'");
    }
    return new FieldPath(Objects.requireNonNull(name, "name"), paths);
  }

  /** Returns the event paths tried in order; the rule field name alone when it is not mapped. */
  public List<String> paths() {
    return paths;
  }

  /**
   * Returns a number, 0 or more, that is the same for every path with equal {@link #paths()} in
   * this JVM and differs otherwise.
   */
  public int id() {
    return id;
  }

  /** Returns the field name as written in the rule. */
  public String name() {
    return name;
  }

  /**
   * Returns every value the path reaches in {@code document}, in document order; empty when the
   * field is missing. A JSON null counts as a value. An array at the end of the path is returned as
   * one node.
   */
  public List<JsonNode> resolve(JsonNode document) {
    List<JsonNode> found = new ArrayList<>(1);
    for (String[][] keys : candidates) {
      resolve(keys, document, 0, found);
      if (!found.isEmpty()) {
        break;
      }
    }
    return found;
  }

  /**
   * Returns the comparison texts of every value the path reaches: scalars as text, arrays both
   * element by element and as canonical JSON, objects as canonical JSON. JSON null gives nothing.
   */
  public List<String> resolveTexts(JsonNode document) {
    List<String> texts = new ArrayList<>(1);
    for (JsonNode value : resolve(document)) {
      addTexts(value, texts);
    }
    return texts;
  }

  private static void addTexts(JsonNode value, List<String> texts) {
    if (value.isArray()) {
      for (JsonNode element : value) {
        addTexts(element, texts);
      }
    }
    String text = JsonText.of(value);
    if (text != null) {
      texts.add(text);
    }
  }

  private static void resolve(String[][] keys, JsonNode node, int from, List<JsonNode> found) {
    if (from == keys.length) {
      found.add(node);
      return;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        resolve(keys, element, from, found);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    if (node instanceof ShapedObjectNode shaped) {
      Shape shape = shaped.shape();
      if (shape != null) {
        resolveShaped(keys, shaped, shape, from, found);
        return;
      }
    }

    // Exact lookups first. The keys that miss are then looked up ignoring case, all of them in one
    // pass over the object's field names.
    JsonNode[] children = new JsonNode[keys.length - from];
    int missed = 0;
    for (int to = from; to < keys.length; to++) {
      JsonNode child = node.get(keys[from][to]);
      children[to - from] = child;
      if (child == null) {
        missed++;
      }
    }
    if (missed > 0) {
      lookupIgnoringCase(node, keys[from], from, children, missed);
    }

    for (int to = keys.length - 1; to >= from; to--) {
      JsonNode child = children[to - from];
      if (child != null) {
        resolve(keys, child, to + 1, found);
      }
    }
  }

  /**
   * Resolves the rest of the path in an object of a known shape, with the same results as the
   * lookups of {@link #resolve(String[][], JsonNode, int, List)}: longest joined key first, each
   * key exactly and then ignoring case.
   */
  private static void resolveShaped(
      String[][] keys, ShapedObjectNode node, Shape shape, int from, List<JsonNode> found) {
    // A joined key has a dot, and only a key with a dot can equal it, even ignoring case.
    int longest = shape.hasDottedKey() ? keys.length - 1 : from;
    for (int to = longest; to >= from; to--) {
      int index = shape.find(keys[from][to]);
      if (index >= 0) {
        resolve(keys, node.valueAt(index), to + 1, found);
      }
    }
  }

  /**
   * Fills each null {@code children[to - from]} with the value of the first field of {@code
   * object}, in field order, whose name equals {@code keys[to]} ignoring case. Entries without such
   * a field stay null.
   */
  private static void lookupIgnoringCase(
      JsonNode object, String[] keys, int from, JsonNode[] children, int missed) {
    boolean[] open = new boolean[children.length];
    for (int i = 0; i < children.length; i++) {
      open[i] = children[i] == null;
    }
    int remaining = missed;
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      if (remaining == 0) {
        return;
      }
      String name = field.getKey();
      for (int i = 0; i < children.length; i++) {
        if (open[i] && equalsIgnoreCase(name, keys[from + i])) {
          children[i] = field.getValue();
          open[i] = false;
          remaining--;
        }
      }
    }
  }

  /**
   * Returns {@code key.equalsIgnoreCase(name)}. A missed lookup compares the name with every key of
   * the object, and CloudTrail keys of one length often share their first letter ({@code
   * errorCode}, {@code eventName}, {@code eventTime}), so the first, second and last characters are
   * checked before the whole text.
   */
  private static boolean equalsIgnoreCase(String key, String name) {
    int length = key.length();
    if (length != name.length()) {
      return false;
    }
    if (length > 0
        && (differsInMoreThanCase(key.charAt(0), name.charAt(0))
            || differsInMoreThanCase(key.charAt(length - 1), name.charAt(length - 1))
            || (length > 2 && differsInMoreThanCase(key.charAt(1), name.charAt(1))))) {
      return false;
    }
    return key.equalsIgnoreCase(name);
  }

  /**
   * Returns true when {@code a} and {@code b} are ASCII and differ in more than bit 0x20, so that
   * no case mapping makes them equal. Non-ASCII characters give false: they may still match.
   */
  private static boolean differsInMoreThanCase(char a, char b) {
    return a != b && a < 0x80 && b < 0x80 && (a | 0x20) != (b | 0x20);
  }

  @Override
  public String toString() {
    return name;
  }
}
