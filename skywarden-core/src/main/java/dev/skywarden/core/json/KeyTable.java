package dev.skywarden.core.json;

/**
 * The lookup tables of one {@link Shape}: open-addressing tables from a name to the index of its
 * key, exactly and ignoring case. Immutable once built, and every field is final, so a table can be
 * published to other threads through a data race.
 */
final class KeyTable {

  /** The value of an empty slot. */
  private static final int EMPTY = 0;

  private final String[] keys;

  /** Index plus one of the key in each slot, placed by {@link String#hashCode}. */
  private final int[] exact;

  /**
   * Index plus one of the first key of each class of keys equal ignoring case, placed by {@link
   * #foldHash}. Keys with a surrogate character are left out; see {@link #scanIgnoringCase}.
   */
  private final int[] folded;

  private final int mask;

  /** Whether some key contains a dot, so that a joined path segment can equal a key. */
  final boolean dotted;

  /**
   * Whether some key contains a surrogate character. {@link String#equalsIgnoreCase} compares
   * supplementary characters by code point, which the per-character fold of {@link #foldHash} does
   * not model, so lookups ignoring case then scan the keys instead.
   */
  private final boolean scanIgnoringCase;

  KeyTable(String[] keys) {
    this.keys = keys;
    int capacity = Integer.highestOneBit(Math.max(2, keys.length) * 2 - 1) << 1;
    this.mask = capacity - 1;
    this.exact = new int[capacity];
    this.folded = new int[capacity];

    boolean anyDot = false;
    boolean anySurrogate = false;
    for (int index = 0; index < keys.length; index++) {
      String key = keys[index];
      anyDot |= key.indexOf('.') >= 0;
      insertExact(key, index);
      long hash = foldHash(key);
      if (hash == SURROGATE) {
        anySurrogate = true;
      } else {
        insertFolded(key, (int) hash, index);
      }
    }
    this.dotted = anyDot;
    this.scanIgnoringCase = anySurrogate;
  }

  private void insertExact(String key, int index) {
    int slot = spread(key.hashCode()) & mask;
    while (exact[slot] != EMPTY) {
      slot = (slot + 1) & mask;
    }
    exact[slot] = index + 1;
  }

  /** Adds the key unless an earlier key equals it ignoring case, which then stays first. */
  private void insertFolded(String key, int hash, int index) {
    int slot = spread(hash) & mask;
    while (folded[slot] != EMPTY) {
      if (keys[folded[slot] - 1].equalsIgnoreCase(key)) {
        return;
      }
      slot = (slot + 1) & mask;
    }
    folded[slot] = index + 1;
  }

  /** Returns the index of the key equal to {@code name}, or -1. */
  @SuppressWarnings("ReferenceEquality") // interned field names: identity first, then equals
  int indexOf(String name) {
    int slot = spread(name.hashCode()) & mask;
    int entry;
    while ((entry = exact[slot]) != EMPTY) {
      String key = keys[entry - 1];
      if (key == name || key.equals(name)) {
        return entry - 1;
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /**
   * Returns the index of the first key, in key order, that equals {@code name} ignoring case
   * ({@link String#equalsIgnoreCase}), or -1.
   */
  int indexOfIgnoringCase(String name) {
    long hash = foldHash(name);
    if (hash == SURROGATE || scanIgnoringCase) {
      return scan(name);
    }
    int slot = spread((int) hash) & mask;
    int entry;
    while ((entry = folded[slot]) != EMPTY) {
      if (keys[entry - 1].equalsIgnoreCase(name)) {
        return entry - 1;
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private int scan(String name) {
    for (int index = 0; index < keys.length; index++) {
      if (keys[index].equalsIgnoreCase(name)) {
        return index;
      }
    }
    return -1;
  }

  /** The result of {@link #foldHash} for text with a surrogate character. */
  static final long SURROGATE = Long.MIN_VALUE;

  /**
   * Returns a hash of {@code text} that is equal for texts equal ignoring case, as {@link
   * String#equalsIgnoreCase} of Java 17 decides for characters outside the surrogate range, or
   * {@link #SURROGATE} when the text contains a surrogate character.
   */
  static long foldHash(String text) {
    int hash = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        hash = 31 * hash + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        continue;
      }
      if (Character.isSurrogate(c)) {
        return SURROGATE;
      }
      hash = 31 * hash + fold(c);
    }
    return hash;
  }

  /**
   * Returns the representative of the characters equal to {@code c} ignoring case. {@link
   * String#equalsIgnoreCase} (Java 17) treats two characters as equal when their upper cases are
   * equal or the lower cases of their upper cases are. Both come down to one test: the lower case
   * of the upper case. {@code ShapeTest} checks this against every character.
   */
  static char fold(char c) {
    return Character.toLowerCase(Character.toUpperCase(c));
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }
}
