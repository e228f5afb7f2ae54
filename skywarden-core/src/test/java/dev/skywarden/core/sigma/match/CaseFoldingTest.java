package dev.skywarden.core.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CaseFoldingTest {

  @Test
  void asciiText_foldsToItsLowerCase() {
    Random random = new Random(5);
    for (int round = 0; round < 5_000; round++) {
      String text = randomAscii(random);

      String folded = CaseFolding.fold(text);

      assertThat(folded).isEqualTo(text.toLowerCase(Locale.ROOT));
      assertThat(CaseFolding.asciiFoldedHash(text)).isEqualTo(folded.hashCode());
      assertThat(CaseFolding.asciiFoldEquals(text, folded)).isTrue();
      assertThat(CaseFolding.asciiFoldEquals(text, folded + "x")).isFalse();
    }
  }

  @Test
  void nonAsciiText_foldsSpecially() {
    assertThat(CaseFolding.fold("Stra\u00dfe")).isEqualTo("strasse");
    assertThat(CaseFolding.fold("\u1e9e")).isEqualTo("ss");
    assertThat(CaseFolding.fold("\u03a3\u038a\u03a3\u03a5\u03a6\u039f\u03a3")).isEqualTo("σίσυφοσ");
    assertThat(CaseFolding.fold("\u0131I")).isEqualTo("\u0131i");
    assertThat(CaseFolding.asciiFoldedHash("Stra\u00dfe")).isEqualTo(CaseFolding.NOT_ASCII);
  }

  @Test
  void foldRemembered_equalsFold() {
    Random random = new Random(9);
    String alphabet = "aAbB-\u00df\u1e9e\u212a\u0130\u0131\u03a3";
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int length = random.nextInt(12); length > 0; length--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      texts.add(text.toString());
    }
    texts.add("Q".repeat(300));

    for (int round = 0; round < 2; round++) {
      for (String text : texts) {
        assertThat(CaseFolding.foldRemembered(new String(text)))
            .as(text)
            .isEqualTo(CaseFolding.fold(text));
      }
    }
  }

  @Test
  void asciiFoldEquals_comparesWithTheFoldedForm() {
    assertThat(CaseFolding.asciiFoldEquals("AssumeRole", "assumerole")).isTrue();
    assertThat(CaseFolding.asciiFoldEquals("AssumeRole", "AssumeRole")).isFalse();
    assertThat(CaseFolding.asciiFoldEquals("AssumeRole", "assumerol")).isFalse();
  }

  private static String randomAscii(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(40);
    for (int i = 0; i < length; i++) {
      text.append((char) random.nextInt(0x80));
    }
    return text.toString();
  }
}
