package dev.skywarden.core.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.skywarden.core.sigma.value.SigmaString;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks that the uncased string tests decided on the text as it is, without folding it, agree with
 * folding the text first, on texts that mix ASCII with characters that fold in unusual ways.
 */
class StringMatcherAsciiTest {

  /** Characters whose folds are longer, non-ASCII, or equal to an ASCII letter. */
  private static final String ALPHABET =
      "aAbBsSkK-.\u00df\u1e9e\u212a\u0130\u0131\u03a3\u03c2\u00e9";

  @Test
  void uncasedTests_agreeWithFoldingFirst() {
    Random random = new Random(20261205);
    int decided = 0;
    for (int round = 0; round < 20_000; round++) {
      String literal = randomText(random, 3);
      String text = randomText(random, 5);
      for (SigmaString pattern : patterns(literal)) {
        StringMatcher matcher = new StringMatcher(pattern, false);
        FieldValues values = FieldValues.of(List.of(TextNode.valueOf(text)));

        boolean expected = matcher.test(TextNode.valueOf(text));

        assertThat(matcher.test(values, 0)).as("%s against %s", matcher, text).isEqualTo(expected);
        decided += expected ? 1 : 0;
      }
    }
    // Enough matches that the agreement is not only on misses.
    assertThat(decided).isGreaterThan(1_000);
  }

  @Test
  void foldedOnlyMatches_areFound() {
    StringMatcher equals = new StringMatcher(SigmaString.literal("kss"), false);
    StringMatcher suffix = new StringMatcher(SigmaString.literal("ss").prependAny(), false);

    assertThat(equals.test(valuesOf("\u212a\u00df"), 0)).isTrue();
    assertThat(equals.test(valuesOf("KSS"), 0)).isTrue();
    assertThat(equals.test(valuesOf("KSSS"), 0)).isFalse();
    assertThat(suffix.test(valuesOf("Stra\u00df"), 0)).isTrue();
    assertThat(suffix.test(valuesOf("S"), 0)).isFalse();
  }

  private static FieldValues valuesOf(String text) {
    return FieldValues.of(List.of(TextNode.valueOf(text)));
  }

  private static List<SigmaString> patterns(String literal) {
    List<SigmaString> patterns = new ArrayList<>();
    SigmaString plain = SigmaString.literal(literal);
    patterns.add(plain);
    patterns.add(plain.appendAny());
    patterns.add(plain.prependAny());
    patterns.add(plain.prependAny().appendAny());
    return patterns;
  }

  private static String randomText(Random random, int maxLength) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    for (int i = 0; i < length; i++) {
      // Mostly ASCII, as in audit logs.
      int pick = random.nextInt(random.nextInt(4) == 0 ? ALPHABET.length() : 10);
      text.append(ALPHABET.charAt(pick));
    }
    return text.toString();
  }
}
