package dev.skywarden.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The fields of a {@link ShapedObjectNode}: a map with the semantics of a {@link LinkedHashMap} in
 * insertion order, stored as a {@link Shape} and an array of values while keys are only appended.
 *
 * <p>Appending a new key follows the shape's transition, and putting a key that exists replaces its
 * value in place, as {@code LinkedHashMap} does. Any other structural change (removing a key, a
 * null key, a key beyond a cap of the {@link ShapeTree}) switches this one map to dictionary mode
 * for good: its entries move to a {@code LinkedHashMap}, to which every later call goes. {@link
 * #clear()} returns the map to the empty shape. Iterators fail fast on concurrent modification, as
 * those of {@code LinkedHashMap} do; removing through an iterator is supported.
 *
 * <p>Not thread-safe, like {@code LinkedHashMap}; the shapes it refers to are.
 */
final class ShapedMap extends AbstractMap<String, JsonNode> {

  private static final JsonNode[] NO_VALUES = new JsonNode[0];

  /**
   * The initial length of the value array, unless objects of the same first key grew larger ({@link
   * Shape#capacityHint()}).
   */
  private static final int FIRST_CAPACITY = 8;

  /** The shape of the keys, or null in dictionary mode. */
  private Shape shape;

  /** The values by key index, in shape mode; longer than the shape when there is room to grow. */
  private JsonNode[] values = NO_VALUES;

  /** The entries in dictionary mode, else null. */
  private LinkedHashMap<String, JsonNode> dictionary;

  /**
   * Structural changes in shape mode, and the switch to dictionary mode, for fail-fast iterators.
   */
  private int modCount;

  private Set<Map.Entry<String, JsonNode>> entrySet;

  ShapedMap(ShapeTree tree) {
    this.shape = tree.empty();
  }

  /** Returns the shape of the keys, or null when the map is in dictionary mode. */
  Shape shape() {
    return shape;
  }

  /** Returns the value at a key index of {@link #shape()}; only valid in shape mode. */
  JsonNode valueAt(int index) {
    return values[index];
  }

  @Override
  public int size() {
    return shape != null ? shape.size() : dictionary.size();
  }

  @Override
  public boolean isEmpty() {
    return size() == 0;
  }

  @Override
  public JsonNode get(Object key) {
    if (shape == null) {
      return dictionary.get(key);
    }
    if (!(key instanceof String name)) {
      return null;
    }
    int index = shape.indexOf(name);
    return index < 0 ? null : values[index];
  }

  @Override
  public boolean containsKey(Object key) {
    if (shape == null) {
      return dictionary.containsKey(key);
    }
    return key instanceof String name && shape.indexOf(name) >= 0;
  }

  @Override
  public JsonNode put(String key, JsonNode value) {
    if (shape == null) {
      return dictionary.put(key, value);
    }
    if (key == null) {
      toDictionary();
      return dictionary.put(null, value);
    }

    // The common case while parsing: the key is new and other objects had it after this shape.
    Shape next = shape.next(key);
    if (next != null) {
      append(next, value);
      return null;
    }

    int index = shape.scanIndexOf(key);
    if (index >= 0) {
      JsonNode old = values[index];
      values[index] = value;
      return old;
    }

    next = shape.extend(key);
    if (next == null) {
      toDictionary();
      return dictionary.put(key, value);
    }
    append(next, value);
    return null;
  }

  private void append(Shape next, JsonNode value) {
    int index = shape.size();
    if (index == values.length) {
      if (index == 0) {
        values = new JsonNode[Math.max(FIRST_CAPACITY, next.capacityHint())];
      } else {
        values = Arrays.copyOf(values, index * 2);
        next.grewTo(values.length);
      }
    }
    values[index] = value;
    shape = next;
    modCount++;
  }

  @Override
  public JsonNode remove(Object key) {
    if (shape != null) {
      if (!(key instanceof String name) || shape.indexOf(name) < 0) {
        return null;
      }
      toDictionary();
    }
    return dictionary.remove(key);
  }

  @Override
  public void clear() {
    if (shape == null) {
      dictionary.clear();
      return;
    }
    shape = shape.tree().empty();
    values = NO_VALUES;
    modCount++;
  }

  /** Moves the entries to a {@link LinkedHashMap}, which serves every later call. */
  private void toDictionary() {
    int size = shape.size();
    LinkedHashMap<String, JsonNode> entries = new LinkedHashMap<>(Math.max(16, size * 2));
    for (int index = 0; index < size; index++) {
      entries.put(shape.key(index), values[index]);
    }
    dictionary = entries;
    shape = null;
    values = null;
    modCount++;
  }

  @Override
  public Set<Map.Entry<String, JsonNode>> entrySet() {
    if (entrySet == null) {
      entrySet = new EntrySet();
    }
    return entrySet;
  }

  /** The live entry set, in either mode. */
  private final class EntrySet extends AbstractSet<Map.Entry<String, JsonNode>> {

    @Override
    public Iterator<Map.Entry<String, JsonNode>> iterator() {
      if (shape == null) {
        return dictionary.entrySet().iterator();
      }
      return new ShapeIterator();
    }

    @Override
    public int size() {
      return ShapedMap.this.size();
    }

    @Override
    public void clear() {
      ShapedMap.this.clear();
    }
  }

  /**
   * Iterates in shape mode. When {@link #remove()} switches the map to dictionary mode, the
   * iterator continues as an iterator of the dictionary, placed after the removed entry.
   */
  private final class ShapeIterator implements Iterator<Map.Entry<String, JsonNode>> {

    private int next;
    private int expectedModCount = modCount;
    private ShapeEntry last;
    private Iterator<Map.Entry<String, JsonNode>> dictionaryIterator;

    @Override
    public boolean hasNext() {
      if (dictionaryIterator != null) {
        return dictionaryIterator.hasNext();
      }
      // As in LinkedHashMap, hasNext reads the state without checking for modification.
      return shape != null ? next < shape.size() : next < dictionary.size();
    }

    @Override
    public Map.Entry<String, JsonNode> next() {
      if (dictionaryIterator != null) {
        return dictionaryIterator.next();
      }
      if (modCount != expectedModCount) {
        throw new ConcurrentModificationException();
      }
      if (next >= shape.size()) {
        throw new NoSuchElementException();
      }
      last = new ShapeEntry(shape.key(next), next);
      next++;
      return last;
    }

    @Override
    public void remove() {
      if (dictionaryIterator != null) {
        dictionaryIterator.remove();
        return;
      }
      if (last == null) {
        throw new IllegalStateException();
      }
      if (modCount != expectedModCount) {
        throw new ConcurrentModificationException();
      }
      toDictionary();
      dictionary.remove(last.getKey());
      Iterator<Map.Entry<String, JsonNode>> rest = dictionary.entrySet().iterator();
      for (int skipped = 0; skipped < last.index; skipped++) {
        rest.next();
      }
      dictionaryIterator = rest;
      last = null;
    }
  }

  /**
   * An entry in shape mode that reads and writes the map, so that {@link #setValue} writes through
   * as the entries of {@code LinkedHashMap} do.
   */
  private final class ShapeEntry implements Map.Entry<String, JsonNode> {

    private final String key;
    private final int index;

    ShapeEntry(String key, int index) {
      this.key = key;
      this.index = index;
    }

    @Override
    public String getKey() {
      return key;
    }

    @Override
    public JsonNode getValue() {
      return shape != null ? values[index] : dictionary.get(key);
    }

    @Override
    public JsonNode setValue(JsonNode value) {
      if (shape != null) {
        JsonNode old = values[index];
        values[index] = value;
        return old;
      }
      // NOTE: after a switch to dictionary mode the entry writes by key; Map.Entry leaves this
      // case undefined, and LinkedHashMap would change a removed entry without re-adding it.
      return dictionary.containsKey(key) ? dictionary.put(key, value) : null;
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Map.Entry<?, ?> entry)) {
        return false;
      }
      return key.equals(entry.getKey()) && Objects.equals(getValue(), entry.getValue());
    }

    @Override
    public int hashCode() {
      return key.hashCode() ^ Objects.hashCode(getValue());
    }

    @Override
    public String toString() {
      return key + "=" + getValue();
    }
  }
}
