package dev.skywarden.core.json;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ordered keys of a JSON object, shared by every object of a {@link ShapeTree} with the same
 * keys in the same order (a hidden class, as JavaScript engines call it). A shape is reached from
 * the tree's empty shape by one transition per key, and what depends only on the keys is computed
 * once per shape, on first use: the index of a key, exactly and ignoring case, whether a key
 * contains a dot, and the values of {@link ShapeCache}s. A shape also keeps its latest results of
 * {@link #find}.
 *
 * <p>Thread-safe. The keys never change. Transitions are added under the shape's lock and read
 * without it through a volatile array. The lazily built tables are immutable objects with final
 * fields, published through a data race: two threads may both build one, and either result is
 * correct.
 */
public final class Shape {

  /** How many transitions a shape keeps in its array before it adds a hash map of the rest. */
  private static final int ARRAY_TRANSITIONS = 8;

  private final ShapeTree tree;

  /** The shape of the first key on the way here; this shape itself when it has one key. */
  private final Shape origin;

  private final String[] keys;
  private final List<String> keyList;
  private final Object[] cached = new Object[ShapeCache.MAX_CACHES];

  /**
   * The key of the first transition out of this shape, or null. {@link #firstNext} is written
   * before it. Records with a fixed key order give shapes of one transition, and reading it here
   * rather than through {@link #transitions} saves two memory loads per key while parsing.
   */
  private volatile String firstKey;

  /** The shape of the first transition; see {@link #firstKey}. */
  private Shape firstNext;

  /**
   * {@link #firstKey} in ASCII bytes followed by its closing quote, or null when it is not ASCII;
   * written before {@link #firstKey}.
   */
  private byte[] firstKeyQuoted;

  /** The first transitions out of this shape; replaced, never changed, under the lock. */
  private volatile Transitions transitions = Transitions.NONE;

  /** The transitions after the first {@link #ARRAY_TRANSITIONS}, by key; null until needed. */
  private volatile Map<String, Shape> moreTransitions;

  /** How many transitions leave this shape. Guarded by {@code this}. */
  private int transitionCount;

  /** Built on first lookup; see the class comment for its publication. */
  private KeyTable table;

  /** The results of {@link #find}, by the name's hash; made on first use. */
  private volatile Found[] found;

  /**
   * The value array length that objects starting with this shape's key grew to, so later ones
   * allocate it at once. Only meaningful in an origin shape. A hint: threads may overwrite each
   * other's writes, and an int is written atomically.
   */
  private int capacityHint;

  Shape(ShapeTree tree, Shape parent, String[] keys) {
    this.tree = tree;
    this.origin = parent == null || parent.keys.length == 0 ? this : parent.origin;
    this.keys = keys;
    this.keyList = Collections.unmodifiableList(Arrays.asList(keys));
  }

  /** Returns the number of keys. */
  public int size() {
    return keys.length;
  }

  /** Returns the key at {@code index}, counted from 0 in insertion order. */
  public String key(int index) {
    return keys[index];
  }

  /** Returns the keys in insertion order, as an unmodifiable list. */
  public List<String> keys() {
    return keyList;
  }

  /** Returns the index of the key equal to {@code name}, or -1 when there is none. */
  public int indexOf(String name) {
    return table().indexOf(name);
  }

  /**
   * Returns the index of the first key, in insertion order, that equals {@code name} ignoring case
   * as {@link String#equalsIgnoreCase} decides, or -1 when there is none.
   */
  public int indexOfIgnoringCase(String name) {
    return table().indexOfIgnoringCase(name);
  }

  /**
   * Returns the index of the key equal to {@code name}, else of the first key equal to it ignoring
   * case, else -1: {@link #indexOf} and then {@link #indexOfIgnoringCase}.
   *
   * <p>For names that callers look up again and again, such as the fields of rules and normalisers.
   * The last result for each of {@value #FOUND_SLOTS} hash slots is kept, so a repeated lookup, hit
   * or miss, costs one probe; a name that is not yet there takes a slot, replacing what was there.
   */
  public int find(String name) {
    int hash = name.hashCode();
    Found[] known = found;
    if (known != null) {
      Found last = known[hash & (FOUND_SLOTS - 1)];
      if (last != null && last.matches(name, hash)) {
        return last.index;
      }
    }

    int index = indexOf(name);
    if (index < 0) {
      index = indexOfIgnoringCase(name);
    }
    if (known == null) {
      known = new Found[FOUND_SLOTS];
      found = known;
    }
    known[hash & (FOUND_SLOTS - 1)] = new Found(name, hash, index);
    return index;
  }

  /** How many results of {@link #find} a shape keeps; a power of two. */
  static final int FOUND_SLOTS = 64;

  /** One result of {@link #find}. Immutable, so it can be read by other threads through a race. */
  private static final class Found {
    final String name;
    final int hash;
    final int index;

    Found(String name, int hash, int index) {
      this.name = name;
      this.hash = hash;
      this.index = index;
    }

    @SuppressWarnings("ReferenceEquality") // names are mostly constants: identity first
    boolean matches(String other, int otherHash) {
      return name == other || (hash == otherHash && name.equals(other));
    }
  }

  /**
   * Returns whether some key contains a dot. When none does, no key equals a name with a dot in it,
   * exactly or ignoring case, because no other character equals a dot ignoring case.
   */
  public boolean hasDottedKey() {
    return table().dotted;
  }

  /**
   * Returns the value of {@code cache} for this shape's keys, computing it on the first call.
   * Threads racing on the first call may each compute it; one result is kept.
   */
  @SuppressWarnings("unchecked")
  public <T> T cached(ShapeCache<T> cache) {
    Object value = cached[cache.slot()];
    if (value == null) {
      value = cache.compute(keyList);
      cached[cache.slot()] = value;
    }
    return (T) value;
  }

  /** Returns the tree this shape belongs to. */
  ShapeTree tree() {
    return tree;
  }

  private KeyTable table() {
    KeyTable built = table;
    if (built == null) {
      built = new KeyTable(keys);
      table = built;
    }
    return built;
  }

  /**
   * Returns the index of {@code key} by comparing it with each key, without building the lookup
   * tables; for shapes met while an object is built, most of which are never looked up.
   */
  @SuppressWarnings("ReferenceEquality") // interned field names: identity first, then equals
  int scanIndexOf(String key) {
    for (int index = 0; index < keys.length; index++) {
      if (keys[index] == key) {
        return index;
      }
    }
    for (int index = 0; index < keys.length; index++) {
      if (keys[index].equals(key)) {
        return index;
      }
    }
    return -1;
  }

  /**
   * Returns the shape with {@code key} appended, when that transition exists, else null. The parser
   * interns field names, so the identity comparison finds it in the common case.
   */
  @SuppressWarnings("ReferenceEquality") // interned field names: identity first, then equals
  Shape next(String key) {
    if (firstKey == key) {
      return firstNext;
    }
    Transitions known = transitions;
    String[] knownKeys = known.keys;
    for (int i = 0; i < knownKeys.length; i++) {
      if (knownKeys[i] == key) {
        return known.shapes[i];
      }
    }
    Map<String, Shape> more = moreTransitions;
    if (more != null) {
      Shape found = more.get(key);
      if (found != null) {
        return found;
      }
    }
    // A key that was not interned, such as one added by code rather than read by the parser.
    for (int i = 0; i < knownKeys.length; i++) {
      if (knownKeys[i].equals(key)) {
        return known.shapes[i];
      }
    }
    return null;
  }

  /**
   * Returns the shape with {@code key} appended, adding the transition when it is new, or null when
   * a cap of the tree forbids a new shape. {@code key} must not be a key of this shape.
   */
  Shape extend(String key) {
    Shape found = next(key);
    if (found != null) {
      return found;
    }
    synchronized (this) {
      found = next(key);
      if (found != null) {
        return found;
      }
      if (!tree.admit(this, transitionCount, key)) {
        return null;
      }
      String[] extended = Arrays.copyOf(keys, keys.length + 1);
      extended[keys.length] = key;
      Shape shape = new Shape(tree, this, extended);
      if (transitionCount == 0) {
        firstNext = shape;
        firstKeyQuoted = quotedAscii(key);
        firstKey = key;
      }
      if (transitionCount < ARRAY_TRANSITIONS) {
        transitions = transitions.with(key, shape);
      } else {
        if (moreTransitions == null) {
          moreTransitions = new ConcurrentHashMap<>();
        }
        moreTransitions.put(key, shape);
      }
      transitionCount++;
      return shape;
    }
  }

  /**
   * Returns the key that objects of this shape most likely get next: the key of its first
   * transition, or null when it has none. A parser can compare the input with {@link
   * #likelyKeyQuoted} before it looks a name up.
   */
  public String likelyKey() {
    return firstKey;
  }

  /**
   * Returns the bytes of {@link #likelyKey} as they appear in JSON when it is plain ASCII: its
   * characters and the closing quote. Returns null when there is no likely key or it is not ASCII.
   * The array must not be changed.
   */
  public byte[] likelyKeyQuoted() {
    return firstKey == null ? null : firstKeyQuoted;
  }

  private static byte[] quotedAscii(String key) {
    byte[] quoted = new byte[key.length() + 1];
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
        return null;
      }
      quoted[i] = (byte) c;
    }
    quoted[key.length()] = '"';
    return quoted;
  }

  /** Returns the value array length to allocate for an object that has just got this shape. */
  int capacityHint() {
    return origin.capacityHint;
  }

  /** Records that an object of this shape grew its value array to {@code capacity}. */
  void grewTo(int capacity) {
    if (origin.capacityHint < capacity) {
      origin.capacityHint = capacity;
    }
  }

  @Override
  public String toString() {
    return "Shape" + keyList;
  }

  /**
   * The transitions kept in arrays: the appended keys side by side, so that the identity scan of
   * {@link #next} reads one array rather than every target shape. Immutable.
   */
  private static final class Transitions {

    static final Transitions NONE = new Transitions(new String[0], new Shape[0]);

    final String[] keys;
    final Shape[] shapes;

    private Transitions(String[] keys, Shape[] shapes) {
      this.keys = keys;
      this.shapes = shapes;
    }

    /** Returns these transitions and one more, by {@code key} to {@code shape}. */
    Transitions with(String key, Shape shape) {
      String[] grownKeys = Arrays.copyOf(keys, keys.length + 1);
      Shape[] grownShapes = Arrays.copyOf(shapes, shapes.length + 1);
      grownKeys[keys.length] = key;
      grownShapes[shapes.length] = shape;
      return new Transitions(grownKeys, grownShapes);
    }
  }
}
