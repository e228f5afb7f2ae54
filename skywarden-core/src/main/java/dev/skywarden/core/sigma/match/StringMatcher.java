package dev.skywarden.core.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.sigma.value.SigmaString;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Matches a {@link SigmaString} against field text, case-folded unless cased. Plain, prefix, suffix
 * and infix patterns use string methods; other wildcard patterns first check that the longest
 * literal occurs and only then run a regular expression.
 */
final class StringMatcher implements ValueMatcher {

  private enum Shape {
    EQUALS,
    STARTS_WITH,
    ENDS_WITH,
    CONTAINS,
    ANY,
    GLOB
  }

  private final SigmaString value;
  private final boolean cased;
  private final Shape shape;
  private final String literal;
  private final Pattern glob;

  StringMatcher(SigmaString value, boolean cased) {
    this.value = value;
    this.cased = cased;
    List<SigmaString.Part> parts = value.parts();
    boolean start = value.startsWithAny();
    boolean end = value.endsWithAny();
    List<SigmaString.Part> inner =
        parts.subList(start ? 1 : 0, Math.max(start ? 1 : 0, parts.size() - (end ? 1 : 0)));
    boolean innerPlain = inner.stream().allMatch(part -> part instanceof SigmaString.Literal);
    if (inner.isEmpty()) {
      shape = (start || end) ? Shape.ANY : Shape.EQUALS;
      literal = "";
      glob = null;
    } else if (innerPlain) {
      if (start && end) {
        shape = Shape.CONTAINS;
      } else if (start) {
        shape = Shape.ENDS_WITH;
      } else if (end) {
        shape = Shape.STARTS_WITH;
      } else {
        shape = Shape.EQUALS;
      }
      literal = normalize(((SigmaString.Literal) inner.get(0)).text());
      glob = null;
    } else {
      shape = Shape.GLOB;
      literal = normalize(longestLiteral(parts));
      glob = compileGlob(parts);
    }
  }

  @Override
  public boolean test(JsonNode node) {
    String text = JsonText.of(node);
    return text != null && matches(normalize(text));
  }

  @Override
  public boolean test(FieldValues values, int index) {
    if (cased) {
      String text = values.text(index);
      return text != null && matches(text);
    }
    int verdict = asciiVerdict(values.text(index));
    if (verdict != UNDECIDED) {
      return verdict == MATCH;
    }
    String folded = values.foldedText(index);
    return folded != null && matches(folded);
  }

  private static final int NO_MATCH = 0;
  private static final int MATCH = 1;
  private static final int UNDECIDED = 2;

  /**
   * Decides an uncased equals, prefix or suffix test from the text as it is, without folding it,
   * when the characters the test looks at are ASCII; else returns {@link #UNDECIDED}.
   *
   * <p>Folding maps each ASCII character to its lower case, in place, and never maps a character to
   * nothing. So when the characters up to some position are ASCII, the folded text begins with
   * their lower cases, and when the characters from some position on are ASCII, it ends with
   * theirs. A mismatch found there is a mismatch of the folded text too.
   */
  private int asciiVerdict(String text) {
    if (text == null) {
      return NO_MATCH;
    }
    return switch (shape) {
      case EQUALS, STARTS_WITH -> asciiPrefix(text, shape == Shape.EQUALS);
      case ENDS_WITH -> asciiSuffix(text);
      default -> UNDECIDED;
    };
  }

  private int asciiPrefix(String text, boolean whole) {
    int compared = Math.min(text.length(), literal.length());
    for (int i = 0; i < compared; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return UNDECIDED;
      }
      if (CaseFolding.lower(c) != literal.charAt(i)) {
        return NO_MATCH;
      }
    }
    if (text.length() < literal.length()) {
      // Every character of the text was ASCII, so its folded form is as short.
      return NO_MATCH;
    }
    if (!whole || text.length() == literal.length()) {
      return MATCH;
    }
    // The text goes on after the literal, and folding never shortens the rest to nothing.
    return NO_MATCH;
  }

  private int asciiSuffix(String text) {
    int compared = Math.min(text.length(), literal.length());
    for (int i = 1; i <= compared; i++) {
      char c = text.charAt(text.length() - i);
      if (c >= 0x80) {
        return UNDECIDED;
      }
      if (CaseFolding.lower(c) != literal.charAt(literal.length() - i)) {
        return NO_MATCH;
      }
    }
    return text.length() < literal.length() ? NO_MATCH : MATCH;
  }

  /** Returns whether {@code candidate}, already case-folded unless cased, matches. */
  private boolean matches(String candidate) {
    return switch (shape) {
      case EQUALS -> candidate.equals(literal);
      case STARTS_WITH -> candidate.startsWith(literal);
      case ENDS_WITH -> candidate.endsWith(literal);
      case CONTAINS -> candidate.contains(literal);
      case ANY -> true;
      case GLOB -> candidate.contains(literal) && glob.matcher(candidate).matches();
    };
  }

  @Override
  public int cost() {
    if (shape == Shape.GLOB) {
      return 5;
    }
    return shape == Shape.EQUALS ? 1 : 2;
  }

  @Override
  public String toString() {
    return (cased ? "cased " : "") + value;
  }

  private String normalize(String text) {
    return cased ? text : CaseFolding.fold(text);
  }

  private static String longestLiteral(List<SigmaString.Part> parts) {
    String longest = "";
    for (SigmaString.Part part : parts) {
      if (part instanceof SigmaString.Literal literalPart
          && literalPart.text().length() > longest.length()) {
        longest = literalPart.text();
      }
    }
    return longest;
  }

  private Pattern compileGlob(List<SigmaString.Part> parts) {
    StringBuilder regex = new StringBuilder();
    for (SigmaString.Part part : parts) {
      if (part instanceof SigmaString.Literal literalPart) {
        regex.append(Pattern.quote(normalize(literalPart.text())));
      } else {
        regex.append(part == SigmaString.Wildcard.ANY ? ".*" : ".");
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
