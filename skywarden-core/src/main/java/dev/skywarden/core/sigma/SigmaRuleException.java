package dev.skywarden.core.sigma;

import java.util.Objects;

/**
 * Root of all problems found in a Sigma rule: it carries where the problem is and why the rule was
 * rejected. Subclasses name the rule section at fault, so callers can count errors by kind.
 *
 * <p>The message reads {@code file:line:column: reason}.
 */
public class SigmaRuleException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient RuleLocation location;
  private final String reason;

  public SigmaRuleException(RuleLocation location, String reason) {
    this(location, reason, null);
  }

  public SigmaRuleException(RuleLocation location, String reason, Throwable cause) {
    super(Objects.requireNonNull(location, "location") + ": " + reason, cause);
    this.location = location;
    this.reason = reason;
  }

  /** Returns where the problem is. */
  public RuleLocation location() {
    return location;
  }

  /** Returns the file name given to the parser. */
  public String file() {
    return location.file();
  }

  /** Returns the 1-based line, or {@code 0} when unknown. */
  public int line() {
    return location.line();
  }

  /** Returns the 1-based column, or {@code 0} when unknown. */
  public int column() {
    return location.column();
  }

  /** Returns the problem without the location. */
  public String reason() {
    return reason;
  }
}
