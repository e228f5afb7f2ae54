package dev.skywarden.core.sigma;

import dev.skywarden.core.sigma.match.CaseFolding;
import dev.skywarden.core.sigma.match.RecentTexts;
import java.util.BitSet;
import java.util.Map;

/**
 * The rules of one indexed event path by the case-folded values they require it to have, looked up
 * by a value's text as it is. The rules by value never change once built.
 *
 * <p>ASCII text, most values of audit logs, is hashed and compared as its lower case character by
 * character, so a lookup builds no folded copy of it; other text is folded with {@link CaseFolding}
 * and looked up in an ordinary map. The index also keeps its latest result for each of {@value
 * #SEEN_SLOTS} slots, chosen by the text's own hash. Event names, sources and types repeat, so most
 * lookups cost that hash, which the string keeps for later users, and one comparison.
 *
 * <p>Thread-safe, as {@link RecentTexts} is.
 */
final class FoldedValueIndex {

  private final Map<String, BitSet> rulesByFoldedValue;
  private final String[] keys;
  private final int[] hashes;
  private final BitSet[] rules;
  private final int mask;

  /** How many results the index keeps; a power of two. */
  static final int SEEN_SLOTS = 1024;

  /** Texts longer than this are not kept, so that the slots hold no large strings. */
  private static final int MAX_SEEN_LENGTH = 256;

  private final RecentTexts<BitSet> seen =
      new RecentTexts<>(this::lookUp, SEEN_SLOTS, MAX_SEEN_LENGTH);

  /** Creates the index of {@code rulesByFoldedValue}, whose keys are case-folded texts. */
  FoldedValueIndex(Map<String, BitSet> rulesByFoldedValue) {
    this.rulesByFoldedValue = Map.copyOf(rulesByFoldedValue);
    int capacity = Integer.highestOneBit(Math.max(2, rulesByFoldedValue.size()) * 2 - 1) << 1;
    this.mask = capacity - 1;
    this.keys = new String[capacity];
    this.hashes = new int[capacity];
    this.rules = new BitSet[capacity];
    for (Map.Entry<String, BitSet> entry : this.rulesByFoldedValue.entrySet()) {
      int hash = entry.getKey().hashCode();
      int slot = spread(hash) & mask;
      while (keys[slot] != null) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = entry.getKey();
      hashes[slot] = hash;
      rules[slot] = entry.getValue();
    }
  }

  /** Returns the rules that require the path to have {@code text}, ignoring case, or null. */
  BitSet find(String text) {
    return seen.get(text);
  }

  private BitSet lookUp(String text) {
    long folded = CaseFolding.asciiFoldedHash(text);
    if (folded == CaseFolding.NOT_ASCII) {
      return rulesByFoldedValue.get(CaseFolding.fold(text));
    }
    int hash = (int) folded;
    int slot = spread(hash) & mask;
    String key;
    while ((key = keys[slot]) != null) {
      if (hashes[slot] == hash && CaseFolding.asciiFoldEquals(text, key)) {
        return rules[slot];
      }
      slot = (slot + 1) & mask;
    }
    return null;
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }
}
