package dev.skywarden.core.json;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shapes of one family of objects: an empty shape and every shape reached from it, with caps
 * that bound their memory. An object whose next key would need a shape beyond a cap keeps its
 * values in a plain {@link java.util.LinkedHashMap} instead ({@link ShapedMap}'s dictionary mode),
 * so objects with many distinct key sets, such as request parameters of varied APIs or keys an
 * attacker chose, cost no more than without shapes.
 *
 * <p>Memory, estimated from the field sizes and not measured: a shape costs about 150 bytes plus 4
 * bytes per key, and its lookup tables, built when an object of that shape is first looked up, 16
 * to 32 bytes per key. Each shape also keeps its last key alive, at most {@link #MAX_KEY_LENGTH}
 * characters (about 100 bytes as a string). With the caps of {@link #SHARED} the shapes thus take
 * at most about 8,192 × (250 + 64 × 36) bytes, 21 MiB, when every shape has 64 keys.
 *
 * <p>Thread-safe: many threads may build objects of one tree at the same time.
 */
public final class ShapeTree {

  /**
   * The tree of the log reader, shared by every reader and thread of the JVM. NOTE: the caps are
   * sized for the few hundred key sets of one log format's records; a JVM that reads many different
   * formats for a long time may reach {@link #maxShapes()}, after which new key sets are read in
   * dictionary mode, as fast as before shapes.
   */
  public static final ShapeTree SHARED = new ShapeTree(8_192, 32, 1_024, 64);

  /**
   * The maximum length of a key in a shape. Shapes live as long as their tree, so without this cap
   * an input of long distinct keys would keep up to {@code maxShapes} of them alive. With Jackson's
   * default limit of 50,000 characters per name, that is an estimated 400 MB for the shared tree.
   * An object with a longer key uses dictionary mode.
   */
  public static final int MAX_KEY_LENGTH = 64;

  private final int maxShapes;
  private final int maxTransitions;
  private final int maxRootTransitions;
  private final int maxKeys;
  private final AtomicInteger shapes = new AtomicInteger();
  private final Shape empty;

  /**
   * Creates a tree with caps.
   *
   * @param maxShapes the number of shapes, besides the empty one, after which no shape is added
   * @param maxTransitions the number of distinct keys that may follow a non-empty shape
   * @param maxRootTransitions the number of distinct first keys, which the objects of every kind
   *     share
   * @param maxKeys the number of keys of the largest shape; larger objects use dictionary mode
   * @throws IllegalArgumentException when a cap is negative
   */
  public ShapeTree(int maxShapes, int maxTransitions, int maxRootTransitions, int maxKeys) {
    if (maxShapes < 0 || maxTransitions < 0 || maxRootTransitions < 0 || maxKeys < 0) {
      throw new IllegalArgumentException(
          "invalid shape caps: shapes "
              + maxShapes
              + ", transitions "
              + maxTransitions
              + ", root transitions "
              + maxRootTransitions
              + ", keys "
              + maxKeys
              + "; each must be 0 or more");
    }
    this.maxShapes = maxShapes;
    this.maxTransitions = maxTransitions;
    this.maxRootTransitions = maxRootTransitions;
    this.maxKeys = maxKeys;
    this.empty = new Shape(this, null, new String[0]);
  }

  /** Returns the shape without keys, where every object starts. */
  public Shape empty() {
    return empty;
  }

  /** Returns the number of shapes made so far, the empty one not counted. */
  public int shapeCount() {
    return shapes.get();
  }

  /** Returns the cap on {@link #shapeCount()}. */
  public int maxShapes() {
    return maxShapes;
  }

  /**
   * Reserves room for one new shape after {@code parent}, which has {@code transitionCount}
   * transitions, adding {@code key}, and returns true, or returns false when a cap forbids it.
   */
  boolean admit(Shape parent, int transitionCount, String key) {
    if (parent.size() >= maxKeys || key.length() > MAX_KEY_LENGTH) {
      return false;
    }
    int cap = parent == empty ? maxRootTransitions : maxTransitions;
    if (transitionCount >= cap) {
      return false;
    }
    while (true) {
      int count = shapes.get();
      if (count >= maxShapes) {
        return false;
      }
      if (shapes.compareAndSet(count, count + 1)) {
        return true;
      }
    }
  }
}
