package dev.skywarden.core.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/**
 * A 128-bit summary of the field names of one JSON object, so that a name looked up ignoring case
 * can often be ruled out without comparing it with every field name. Immutable.
 *
 * <p>Each name sets one {@link #bit}, chosen by its length and by its first, second and last
 * characters in ASCII lower case. Two names that {@link String#equalsIgnoreCase} calls equal have
 * the same length, and where both characters are ASCII they are equal in lower case, so they set
 * the same bit. A name whose bit is clear therefore equals no field name ignoring case. A set bit
 * proves nothing, because different names may share it. Non-ASCII characters can equal ASCII ones
 * ignoring case (the Kelvin sign equals {@code k}), so a name with one at those positions has no
 * bit and an object with such a field name rules nothing out.
 */
final class KeySignature {

  /** The bit of names that cannot be summarised. */
  static final int NO_BIT = -1;

  private static final KeySignature ANY = new KeySignature(-1L, -1L);

  private final long low;
  private final long high;

  private KeySignature(long low, long high) {
    this.low = low;
    this.high = high;
  }

  /** Returns the signature of the field names of {@code object}, which must be an object node. */
  static KeySignature of(JsonNode object) {
    long low = 0;
    long high = 0;
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      int bit = bit(names.next());
      if (bit == NO_BIT) {
        return ANY;
      }
      if (bit < Long.SIZE) {
        low |= 1L << bit;
      } else {
        high |= 1L << (bit - Long.SIZE);
      }
    }
    return new KeySignature(low, high);
  }

  /**
   * Returns false when no field name equals, ignoring case, a name whose {@link #bit} is {@code
   * bit}; true when one may, and always for {@link #NO_BIT}.
   */
  boolean mayContain(int bit) {
    if (bit == NO_BIT) {
      return true;
    }
    return bit < Long.SIZE ? (low & (1L << bit)) != 0 : (high & (1L << (bit - Long.SIZE))) != 0;
  }

  /**
   * Returns the bit of {@code name}, from 0 to 127, or {@link #NO_BIT} when its first, second or
   * last character is not ASCII.
   */
  static int bit(String name) {
    int length = name.length();
    int hash = length;
    if (length > 0) {
      char first = name.charAt(0);
      char last = name.charAt(length - 1);
      char second = length > 2 ? name.charAt(1) : 'a';
      if ((first | last | second) >= 0x80) {
        return NO_BIT;
      }
      hash = ((hash * 31 + lower(first)) * 31 + lower(last)) * 31 + lower(second);
    }
    // Fold the higher bits in, so that names differing in one character spread over the bits.
    hash ^= hash >>> 7;
    return hash & 127;
  }

  private static int lower(char c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }
}
