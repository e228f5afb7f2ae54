package dev.skywarden.core.normalize;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Numbers field names by their form in lower case, so that the keys of an object fit the 64-bit
 * filter of {@link JsonFields#keyBits} with one bit per name: names equal ignoring case share a
 * bit, and the first 64 lower-case forms numbered each have a bit of their own. From the 65th on,
 * bits repeat, which lets more lookups scan the keys, never fewer.
 *
 * <p>A name with a non-ASCII character gets every bit ({@link JsonFields#ALL_KEYS}), because such a
 * character can equal an ASCII letter ignoring case (the Kelvin sign and {@code k}). So does a name
 * longer than {@link #MAX_NAME_LENGTH}, which is not remembered, and a new name once {@link
 * #MAX_NAMES} forms are numbered.
 *
 * <p>Thread-safe.
 */
final class KeyFolds {

  /** How many names and lower-case forms are remembered, each; a format has a few dozen. */
  static final int MAX_NAMES = 4096;

  /** The maximum length of a remembered name, so that huge keys cost no memory here. */
  static final int MAX_NAME_LENGTH = 64;

  private static final ConcurrentMap<String, Long> BIT_BY_NAME = new ConcurrentHashMap<>();
  private static final ConcurrentMap<String, Integer> NUMBER_BY_FORM = new ConcurrentHashMap<>();
  private static final AtomicInteger NEXT_NUMBER = new AtomicInteger();

  private KeyFolds() {}

  /** Returns the filter bit of a name, numbering its lower-case form when it is new. */
  static long bit(String name) {
    if (name.length() > MAX_NAME_LENGTH) {
      return JsonFields.ALL_KEYS;
    }
    Long known = BIT_BY_NAME.get(name);
    if (known != null) {
      return known;
    }
    long bit = numberedBit(name);
    if (BIT_BY_NAME.size() < MAX_NAMES) {
      BIT_BY_NAME.put(name, bit);
    }
    return bit;
  }

  private static long numberedBit(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) >= 0x80) {
        return JsonFields.ALL_KEYS;
      }
    }
    // Lower case in the root locale changes the ASCII letters A to Z only, so two ASCII names
    // are equal ignoring case exactly when their forms are equal.
    String form = name.toLowerCase(Locale.ROOT);
    Integer number = NUMBER_BY_FORM.get(form);
    if (number == null) {
      if (NUMBER_BY_FORM.size() >= MAX_NAMES) {
        return JsonFields.ALL_KEYS;
      }
      number = NUMBER_BY_FORM.computeIfAbsent(form, unused -> NEXT_NUMBER.getAndIncrement());
    }
    return 1L << (number & 63);
  }
}
