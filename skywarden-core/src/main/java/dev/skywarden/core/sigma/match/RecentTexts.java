package dev.skywarden.core.sigma.match;

import java.util.function.Function;

/**
 * A direct-mapped memo of a function of text: one slot per text hash keeps the latest text computed
 * there and its value. For values that repeat across events, such as event names and user agents, a
 * repeat costs the text's hash, which the string keeps for later users, and one comparison.
 *
 * <p>Thread-safe: entries are immutable, and threads that race on a slot at worst replace each
 * other's entries. Texts longer than the length limit are computed each time and not kept, so the
 * memo contains at most its slot count of texts of bounded length.
 *
 * @param <V> the value, which may be null
 */
public final class RecentTexts<V> {

  private final Function<String, V> compute;
  private final int maxLength;
  private final Entry<V>[] slots;

  /** One kept text and its value. */
  private record Entry<V>(String text, V value) {}

  /**
   * Creates a memo of {@code compute} with {@code slotCount} slots, a power of two, for texts of at
   * most {@code maxLength} characters.
   */
  @SuppressWarnings("unchecked") // an array of a generic record
  public RecentTexts(Function<String, V> compute, int slotCount, int maxLength) {
    if (Integer.bitCount(slotCount) != 1) {
      throw new IllegalArgumentException("slot count must be a power of two: " + slotCount);
    }
    this.compute = compute;
    this.maxLength = maxLength;
    this.slots = (Entry<V>[]) new Entry<?>[slotCount];
  }

  /** Returns {@code compute.apply(text)}, taken from the slot of {@code text} when it is there. */
  public V get(String text) {
    if (text.length() > maxLength) {
      return compute.apply(text);
    }
    int hash = text.hashCode();
    int slot = (hash ^ (hash >>> 16)) & (slots.length - 1);
    Entry<V> last = slots[slot];
    if (last != null && last.text().equals(text)) {
      return last.value();
    }
    V value = compute.apply(text);
    slots[slot] = new Entry<>(text, value);
    return value;
  }
}
