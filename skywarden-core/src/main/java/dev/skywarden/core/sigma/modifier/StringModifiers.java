package dev.skywarden.core.sigma.modifier;

import dev.skywarden.core.sigma.value.SigmaExpansion;
import dev.skywarden.core.sigma.value.SigmaString;
import dev.skywarden.core.sigma.value.SigmaValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** String modifiers that rewrite text: {@code windash}. */
final class StringModifiers {

  /** The characters that Windows accepts in front of a command-line flag. */
  private static final char[] DASHES = {'-', '/', '\u2013', '\u2014', '\u2015'};

  /** The most flag dashes one value may have; each adds a factor of five alternatives. */
  private static final int MAX_WINDASH_POSITIONS = 5;

  private StringModifiers() {}

  static void registerAll(Consumer<SigmaModifier> register) {
    register.accept(
        SigmaModifiers.of("windash", target -> target.mapStrings(StringModifiers::windash)));
  }

  /**
   * Expands every flag dash ({@code -} or {@code /} after a non-word character and before a word
   * character, as pySigma selects them) into all five dash characters.
   */
  static SigmaValue windash(SigmaString value) {
    List<SigmaString.Part> parts = value.parts();
    List<int[]> positions = new ArrayList<>();
    for (int p = 0; p < parts.size(); p++) {
      if (parts.get(p) instanceof SigmaString.Literal literal) {
        String text = literal.text();
        for (int i = 0; i < text.length(); i++) {
          if (isFlagDash(text, i)) {
            positions.add(new int[] {p, i});
          }
        }
      }
    }
    if (positions.isEmpty()) {
      return value;
    }
    if (positions.size() > MAX_WINDASH_POSITIONS) {
      throw new IllegalArgumentException(
          "'"
              + value
              + "' has "
              + positions.size()
              + " flag dashes, more than the "
              + MAX_WINDASH_POSITIONS
              + " that windash expands");
    }
    int total = (int) Math.pow(DASHES.length, positions.size());
    List<SigmaValue> alternatives = new ArrayList<>(total);
    for (int combination = 0; combination < total; combination++) {
      List<StringBuilder> texts = new ArrayList<>();
      for (SigmaString.Part part : parts) {
        texts.add(
            part instanceof SigmaString.Literal literal ? new StringBuilder(literal.text()) : null);
      }
      int digits = combination;
      for (int[] position : positions) {
        texts.get(position[0]).setCharAt(position[1], DASHES[digits % DASHES.length]);
        digits /= DASHES.length;
      }
      List<SigmaString.Part> changed = new ArrayList<>(parts.size());
      for (int p = 0; p < parts.size(); p++) {
        changed.add(
            texts.get(p) == null ? parts.get(p) : new SigmaString.Literal(texts.get(p).toString()));
      }
      alternatives.add(new SigmaString(changed, null, value.binary()));
    }
    return new SigmaExpansion(alternatives);
  }

  private static boolean isFlagDash(String text, int index) {
    char c = text.charAt(index);
    if (c != '-' && c != '/') {
      return false;
    }
    boolean wordBefore = index > 0 && isWordChar(text.charAt(index - 1));
    boolean wordAfter = index + 1 < text.length() && isWordChar(text.charAt(index + 1));
    return !wordBefore && wordAfter;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
