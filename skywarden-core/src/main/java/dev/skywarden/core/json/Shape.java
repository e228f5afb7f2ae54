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
 * contains a dot, and the values of {@link ShapeCache}s.
 *
 * <p>Thread-safe. The keys never change. Transitions are added under the shape's lock and read
 * without it through a volatile array. The lazily built tables are immutable objects with final
 * fields, published through a data race: two threads may both build one, and either result is
 * correct.
 */
public final class Shape {

  /** How many transitions a shape keeps in its array before it adds a hash map of the rest. */
  private static final int ARRAY_TRANSITIONS = 8;

  private static final Shape[] NO_TRANSITIONS = new Shape[0];

  private final ShapeTree tree;

  /** The shape of the first key on the way here; this shape itself when it has one key. */
  private final Shape origin;

  private final String[] keys;
  private final List<String> keyList;
  private final Object[] cached = new Object[ShapeCache.MAX_CACHES];

  /** The first transitions out of this shape; replaced, never changed, under the lock. */
  private volatile Shape[] transitions = NO_TRANSITIONS;

  /** The transitions after the first {@link #ARRAY_TRANSITIONS}, by key; null until needed. */
  private volatile Map<String, Shape> moreTransitions;

  /** How many transitions leave this shape. Guarded by {@code this}. */
  private int transitionCount;

  /** Built on first lookup; see the class comment for its publication. */
  private KeyTable table;

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
    Shape[] known = transitions;
    for (Shape shape : known) {
      if (shape.lastKey() == key) {
        return shape;
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
    for (Shape shape : known) {
      if (shape.lastKey().equals(key)) {
        return shape;
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
      if (transitionCount < ARRAY_TRANSITIONS) {
        Shape[] grown = Arrays.copyOf(transitions, transitionCount + 1);
        grown[transitionCount] = shape;
        transitions = grown;
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

  private String lastKey() {
    return keys[keys.length - 1];
  }

  @Override
  public String toString() {
    return "Shape" + keyList;
  }
}
