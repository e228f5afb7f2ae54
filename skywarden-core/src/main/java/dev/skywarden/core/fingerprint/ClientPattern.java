package dev.skywarden.core.fingerprint;

import dev.skywarden.core.event.ClientKind;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of the client fingerprint list: which value it tests, how, and what a match means.
 *
 * <p>All matching ignores case. Instances are immutable and thread-safe.
 *
 * @param kind the client kind a match means
 * @param field the value tested
 * @param match how {@code pattern} is compared with the value
 * @param pattern the text or regular expression
 * @param product the product name; for a {@link MatchType#REGEX} entry, {@code $1} is replaced by
 *     the first group of the match
 * @param version a regular expression whose first group is the version, applied to the user agent;
 *     {@code null} when the entry has none
 */
public record ClientPattern(
    ClientKind kind,
    Field field,
    MatchType match,
    String pattern,
    String product,
    Pattern version) {

  /** The value an entry tests. */
  public enum Field {
    /** The user agent. */
    UA,
    /** The user agent, but only for calls made with a web console session. */
    CONSOLE_UA,
    /** The client application id (Entra appId, OAuth client id). */
    APP
  }

  /** The comparison of an entry's pattern with the value, which always ignores case. */
  public enum MatchType {
    EQUALS,
    PREFIX,
    CONTAINS,
    REGEX
  }

  public ClientPattern {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(product, "product");
  }

  /**
   * Tests the entry against the given value and returns the product name on a match, or {@code
   * null}.
   */
  String matchProduct(String value, Pattern compiledRegex) {
    if (value == null) {
      return null;
    }
    String lowerValue = value.toLowerCase(Locale.ROOT);
    String lowerPattern = pattern.toLowerCase(Locale.ROOT);
    return switch (match) {
      case EQUALS -> lowerValue.equals(lowerPattern) ? product : null;
      case PREFIX -> lowerValue.startsWith(lowerPattern) ? product : null;
      case CONTAINS -> lowerValue.contains(lowerPattern) ? product : null;
      case REGEX -> matchRegex(value, compiledRegex);
    };
  }

  private String matchRegex(String value, Pattern compiledRegex) {
    Matcher matcher = compiledRegex.matcher(value);
    if (!matcher.find()) {
      return null;
    }
    if (matcher.groupCount() >= 1 && matcher.group(1) != null) {
      return product.replace("$1", matcher.group(1));
    }
    return product;
  }

  /** Returns the version parsed from the user agent, or {@code null}. */
  String parseVersion(String userAgent) {
    if (version == null || userAgent == null) {
      return null;
    }
    Matcher matcher = version.matcher(userAgent);
    return matcher.find() && matcher.groupCount() >= 1 ? matcher.group(1) : null;
  }
}
