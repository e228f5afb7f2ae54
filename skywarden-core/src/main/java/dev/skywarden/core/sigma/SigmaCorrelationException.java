package dev.skywarden.core.sigma;

/**
 * A correlation rule is invalid: its {@code correlation} section is malformed, or a reference in it
 * (a rule name or id, an alias) does not resolve.
 */
public class SigmaCorrelationException extends SigmaRuleException {

  private static final long serialVersionUID = 1L;

  public SigmaCorrelationException(RuleLocation location, String reason) {
    super(location, reason);
  }

  public SigmaCorrelationException(RuleLocation location, String reason, Throwable cause) {
    super(location, reason, cause);
  }
}
