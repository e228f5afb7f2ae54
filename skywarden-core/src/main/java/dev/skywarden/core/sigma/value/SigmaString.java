package dev.skywarden.core.sigma.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A Sigma string value: literal text with {@code *} (any run of characters) and {@code ?} (exactly
 * one character) wildcards. Immutable.
 *
 * <p>Escapes follow the Sigma rules specification: a backslash before {@code *}, {@code ?} or
 * another backslash makes that character literal, and any other backslash is literal itself. So
 * {@code C:\Windows} and {@code C:\\Windows} are the same value, {@code \*} is a literal star and
 * {@code \\*} is a backslash followed by a wildcard.
 *
 * @param parts the literal and wildcard parts in order; adjacent literals are merged
 * @param original the rule text before any modifier changed it, or null after a change; the {@code
 *     re} and {@code cidr} modifiers read it
 * @param binary true when each character stands for one byte (0 to 255), as after {@code utf16le}
 */
public record SigmaString(List<Part> parts, String original, boolean binary) implements SigmaValue {

  /** A piece of a {@link SigmaString}. */
  public sealed interface Part permits Literal, Wildcard {}

  /** Literal text, matched character for character (after case folding unless cased). */
  public record Literal(String text) implements Part {
    public Literal {
      Objects.requireNonNull(text, "text");
    }
  }

  /** A wildcard part. */
  public enum Wildcard implements Part {
    /** {@code *}: any run of characters, the empty run included. */
    ANY,
    /** {@code ?}: exactly one character. */
    ONE
  }

  public SigmaString {
    parts = merge(parts);
  }

  /** Parses rule text, turning unescaped {@code *} and {@code ?} into wildcards. */
  public static SigmaString parse(String text) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && isSpecial(text.charAt(i + 1))) {
        literal.append(text.charAt(i + 1));
        i++;
      } else if (c == '*' || c == '?') {
        flush(literal, parts);
        parts.add(c == '*' ? Wildcard.ANY : Wildcard.ONE);
      } else {
        literal.append(c);
      }
    }
    flush(literal, parts);
    return new SigmaString(parts, text, false);
  }

  /** Returns a string of literal text only, with no wildcards. */
  public static SigmaString literal(String text) {
    return new SigmaString(List.of(new Literal(text)), null, false);
  }

  /** Returns whether the value has a {@code *} or {@code ?} wildcard. */
  public boolean hasWildcards() {
    return parts.stream().anyMatch(part -> part instanceof Wildcard);
  }

  /**
   * Returns the text of a wildcard-free value; wildcards are rendered as {@code *} and {@code ?}.
   */
  public String plainText() {
    StringBuilder text = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Literal literal) {
        text.append(literal.text());
      } else {
        text.append(part == Wildcard.ANY ? '*' : '?');
      }
    }
    return text.toString();
  }

  /** Returns whether the value starts with {@code *}. */
  public boolean startsWithAny() {
    return !parts.isEmpty() && parts.get(0) == Wildcard.ANY;
  }

  /** Returns whether the value ends with {@code *}. */
  public boolean endsWithAny() {
    return !parts.isEmpty() && parts.get(parts.size() - 1) == Wildcard.ANY;
  }

  /** Returns this value with a leading {@code *}, unless it has one already. */
  public SigmaString prependAny() {
    if (startsWithAny()) {
      return this;
    }
    List<Part> more = new ArrayList<>(parts);
    more.add(0, Wildcard.ANY);
    return new SigmaString(more, null, binary);
  }

  /** Returns this value with a trailing {@code *}, unless it has one already. */
  public SigmaString appendAny() {
    if (endsWithAny()) {
      return this;
    }
    List<Part> more = new ArrayList<>(parts);
    more.add(Wildcard.ANY);
    return new SigmaString(more, null, binary);
  }

  /** Returns this value with {@code change} applied to every literal part; wildcards stay. */
  public SigmaString mapLiterals(UnaryOperator<String> change, boolean binaryResult) {
    List<Part> changed = new ArrayList<>(parts.size());
    for (Part part : parts) {
      changed.add(
          part instanceof Literal literal ? new Literal(change.apply(literal.text())) : part);
    }
    return new SigmaString(changed, null, binaryResult);
  }

  @Override
  public String kind() {
    return "string";
  }

  /** Renders the value in rule notation, escaping literal wildcards and backslashes before them. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Literal literal) {
        String literalText = literal.text();
        for (int i = 0; i < literalText.length(); i++) {
          char c = literalText.charAt(i);
          if (isSpecial(c)) {
            text.append('\\');
          }
          text.append(c);
        }
      } else {
        text.append(part == Wildcard.ANY ? '*' : '?');
      }
    }
    return text.toString();
  }

  private static boolean isSpecial(char c) {
    return c == '*' || c == '?' || c == '\\';
  }

  private static void flush(StringBuilder literal, List<Part> parts) {
    if (literal.length() > 0) {
      parts.add(new Literal(literal.toString()));
      literal.setLength(0);
    }
  }

  private static List<Part> merge(List<Part> parts) {
    List<Part> merged = new ArrayList<>(parts.size());
    for (Part part : parts) {
      Objects.requireNonNull(part, "part");
      int last = merged.size() - 1;
      Part previous = last >= 0 ? merged.get(last) : null;
      boolean emptyLiteral = part instanceof Literal literal && literal.text().isEmpty();
      boolean repeatedAny = part == Wildcard.ANY && previous == Wildcard.ANY;
      if (part instanceof Literal literal && previous instanceof Literal previousLiteral) {
        merged.set(last, new Literal(previousLiteral.text() + literal.text()));
      } else if (!emptyLiteral && !repeatedAny) {
        merged.add(part);
      }
    }
    return List.copyOf(merged);
  }
}
