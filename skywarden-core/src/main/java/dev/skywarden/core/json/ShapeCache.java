package dev.skywarden.core.json;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A value computed from the keys of a {@link Shape} and kept with the shape, such as filter bits of
 * the keys. Create one instance per kind of value and keep it in a static field: each instance
 * takes one of {@link #MAX_CACHES} slots of every shape for the life of the JVM.
 *
 * <p>The computed values are handed to other threads through a data race, so they must be immutable
 * objects whose fields are all final (records, boxed numbers, strings). The function must not
 * return null and must return equal values for equal keys.
 *
 * @param <T> the type of the value
 */
public final class ShapeCache<T> {

  /** How many caches the JVM can create; each shape reserves a slot for every one. */
  static final int MAX_CACHES = 4;

  private static final AtomicInteger NEXT_SLOT = new AtomicInteger();

  private final int slot;
  private final Function<List<String>, ? extends T> function;

  /**
   * Creates a cache of {@code function} applied to the keys of a shape, in insertion order.
   *
   * @throws IllegalStateException when {@link #MAX_CACHES} caches exist already
   */
  public ShapeCache(Function<List<String>, ? extends T> function) {
    this.function = Objects.requireNonNull(function, "function");
    this.slot = NEXT_SLOT.getAndIncrement();
    if (slot >= MAX_CACHES) {
      throw new IllegalStateException(
          "too many shape caches: at most " + MAX_CACHES + "; raise ShapeCache.MAX_CACHES");
    }
  }

  int slot() {
    return slot;
  }

  T compute(List<String> keys) {
    T value = function.apply(keys);
    if (value == null) {
      throw new IllegalStateException("shape cache function returned null for keys " + keys);
    }
    return value;
  }
}
