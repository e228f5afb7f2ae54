package dev.skywarden.core.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.sigma.match.CaseFolding;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FoldedValueIndexTest {

  private static final String ALPHABET = "aAbBsSkK-.\u00df\u1e9e\u212a\u0130\u0131\u03a3\u03c2";

  @Test
  void find_equalsFoldedMapLookup() {
    Random random = new Random(17);
    Map<String, BitSet> byFolded = new HashMap<>();
    for (int rule = 0; rule < 200; rule++) {
      String folded = CaseFolding.fold(randomText(random, 4));
      byFolded.computeIfAbsent(folded, key -> new BitSet()).set(rule);
    }
    FoldedValueIndex index = new FoldedValueIndex(byFolded);

    // More texts than the index remembers, each asked three times and once as a copy.
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 3 * FoldedValueIndex.SEEN_SLOTS; i++) {
      texts.add(randomText(random, 4));
    }
    int found = 0;
    for (int round = 0; round < 3; round++) {
      for (String text : texts) {
        BitSet expected = byFolded.get(CaseFolding.fold(text));

        assertThat(index.find(text)).as(text).isEqualTo(expected);
        assertThat(index.find(new String(text))).as(text).isEqualTo(expected);
        found += expected == null ? 0 : 1;
      }
    }
    // Enough hits that the agreement is not only on misses.
    assertThat(found).isGreaterThan(texts.size());
  }

  @Test
  void longText_isFoundWithoutBeingRemembered() {
    String longValue = "x".repeat(300);
    BitSet rules = new BitSet();
    rules.set(3);
    FoldedValueIndex index = new FoldedValueIndex(Map.of(longValue, rules));

    assertThat(index.find(longValue.toUpperCase(Locale.ROOT))).isEqualTo(rules);
    assertThat(index.find(longValue + "y")).isNull();
  }

  private static String randomText(Random random, int maxLength) {
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(maxLength);
    for (int i = 0; i < length; i++) {
      // Mostly ASCII, as in audit logs.
      int pick = random.nextInt(random.nextInt(4) == 0 ? ALPHABET.length() : 8);
      text.append(ALPHABET.charAt(pick));
    }
    return text.toString();
  }
}
