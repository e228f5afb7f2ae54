package dev.skywarden.core.analytics;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Numbers the inputs of one run, so that an {@link Evidence.Reference} names its input with an int
 * and every reference to one input shares one name string. Memory grows with the inputs that have
 * events, about 100 bytes each besides the names.
 *
 * <p>Thread-safe: {@link #number} may run on many threads; a number returned by it is valid for
 * {@link #name} on every thread.
 */
final class InputNames {

  private final ConcurrentHashMap<String, Integer> numbers = new ConcurrentHashMap<>();
  private final Object lock = new Object();

  /** Names by number, replaced by a larger copy when full; written only under {@link #lock}. */
  private volatile String[] names = new String[64];

  private int size;

  /** Returns the number of an input, assigning the next one when the input is new. */
  int number(String name) {
    Integer known = numbers.get(name);
    return known != null ? known : register(name);
  }

  private int register(String name) {
    synchronized (lock) {
      Integer known = numbers.get(name);
      if (known != null) {
        return known;
      }
      String[] current = names;
      if (size == current.length) {
        current = Arrays.copyOf(current, size * 2);
      }
      current[size] = name;
      // Publish the array before the number, so a thread that got the number reads the name.
      names = current;
      numbers.put(name, size);
      return size++;
    }
  }

  /**
   * Returns the name of input {@code number}.
   *
   * @throws IllegalArgumentException when no input has that number
   */
  String name(int number) {
    String[] current = names;
    if (number < 0 || number >= current.length || current[number] == null) {
      throw new IllegalArgumentException("no input has number " + number);
    }
    return current[number];
  }
}
