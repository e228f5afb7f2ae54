package dev.skywarden.core.sigma.value;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression made by the {@code re} modifier. It is searched anywhere in the field value
 * (PCRE search semantics) and is case-sensitive unless the {@code i} sub-modifier is set.
 *
 * <p>NOTE: the expression is compiled with {@link java.util.regex}, which accepts a superset of the
 * PCRE subset that Sigma allows; rules using other metacharacters are not rejected.
 */
public record SigmaRegex(String regex, Set<Flag> flags, Pattern pattern) implements SigmaValue {

  /** The {@code re} sub-modifiers. */
  public enum Flag {
    /** {@code i}: case-insensitive, with Unicode case rules. */
    IGNORE_CASE("i", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
    /** {@code m}: {@code ^} and {@code $} match at line breaks. */
    MULTILINE("m", Pattern.MULTILINE),
    /** {@code s}: the dot also matches line terminators. */
    DOTALL("s", Pattern.DOTALL);

    private final String modifierName;
    private final int patternFlags;

    Flag(String modifierName, int patternFlags) {
      this.modifierName = modifierName;
      this.patternFlags = patternFlags;
    }

    /** Returns the Sigma sub-modifier name. */
    public String modifierName() {
      return modifierName;
    }
  }

  public SigmaRegex {
    Objects.requireNonNull(regex, "regex");
    flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    Objects.requireNonNull(pattern, "pattern");
  }

  /**
   * Compiles {@code regex} with {@code flags}.
   *
   * @throws PatternSyntaxException when the expression is invalid
   */
  public static SigmaRegex compile(String regex, Set<Flag> flags) {
    int patternFlags = 0;
    for (Flag flag : flags) {
      patternFlags |= flag.patternFlags;
    }
    return new SigmaRegex(regex, flags, Pattern.compile(regex, patternFlags));
  }

  /** Returns this expression with one more flag. */
  public SigmaRegex withFlag(Flag flag) {
    EnumSet<Flag> more = flags.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(flags);
    more.add(flag);
    return compile(regex, more);
  }

  @Override
  public String kind() {
    return "regular expression";
  }

  @Override
  public String toString() {
    return "/" + regex + "/";
  }
}
