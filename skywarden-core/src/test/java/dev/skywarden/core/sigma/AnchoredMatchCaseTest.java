package dev.skywarden.core.sigma;

import static dev.skywarden.core.sigma.SigmaTestSupport.matches;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Checks case-insensitive equals, starts-with and ends-with values on ASCII field text and on text
 * that needs Unicode folding.
 */
class AnchoredMatchCaseTest {

  private static boolean matchesCity(String modifier, String value, String city) {
    String detection = "sel:\n    city" + modifier + ": '" + value + "'\ncondition: sel";
    return matches(detection, "{\"city\":\"" + city + "\"}");
  }

  @Test
  void asciiText_ignoresCase() {
    assertThat(matchesCity("", "Frankfurt", "FRANKFURT")).isTrue();
    assertThat(matchesCity("|startswith", "FRANK", "frankfurt am Main")).isTrue();
    assertThat(matchesCity("|endswith", "am main", "Frankfurt AM MAIN")).isTrue();
  }

  @Test
  void asciiText_rejectsOtherText() {
    assertThat(matchesCity("", "frankfurt", "FRANKFURTER")).isFalse();
    assertThat(matchesCity("", "frankfurt", "FRANKFURU")).isFalse();
    assertThat(matchesCity("|startswith", "frankfurt am main", "Frankfurt")).isFalse();
    assertThat(matchesCity("|endswith", "main", "Frankfurt am Rhein")).isFalse();
    assertThat(matchesCity("|endswith", "ma[n", "Frankfurt am Ma{n")).isFalse();
  }

  @Test
  void asciiText_keepsNonLetterSymbols() {
    // Only A-Z fold: '@' (0x40) and '`' (0x60) differ in bit 0x20 but are not letters.
    assertThat(matchesCity("", "@home", "`home")).isFalse();
    assertThat(matchesCity("", "[x]", "{x}")).isFalse();
  }

  @Test
  void nonAsciiText_foldsToAsciiValue() {
    assertThat(matchesCity("", "strasse", "STRAßE")).isTrue();
    assertThat(matchesCity("|endswith", "sse", "Große STRAßE")).isTrue();
    assertThat(matchesCity("|startswith", "kelvin", "\u212AELVIN scale")).isTrue();
  }

  @Test
  void nonAsciiValue_neverEqualsAsciiLookalike() {
    assertThat(matchesCity("", "ıstanbul", "ISTANBUL")).isFalse();
    assertThat(matchesCity("", "istanbul", "ıSTANBUL")).isFalse();
    assertThat(matchesCity("|startswith", "ist", "İSTANBUL")).isFalse();
    assertThat(matchesCity("", "ıstanbul", "ıSTANBUL")).isTrue();
  }

  @Test
  void arrayElements_eachComparedOnItsOwn() {
    String detection = "sel:\n    city: 'strasse'\ncondition: sel";

    assertThat(matches(detection, "{\"city\":[\"ROAD\",\"STRAßE\"]}")).isTrue();
    assertThat(matches(detection, "{\"city\":[\"STRASSE\",\"Weg\"]}")).isTrue();
    assertThat(matches(detection, "{\"city\":[\"Strassen\",\"Weg\"]}")).isFalse();
  }
}
