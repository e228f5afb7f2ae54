package dev.skywarden.core.sigma;

/**
 * A value cannot be used as its modifiers require, such as an invalid regular expression or CIDR
 * range.
 */
public class SigmaValueException extends SigmaRuleException {

  private static final long serialVersionUID = 1L;

  public SigmaValueException(RuleLocation location, String reason) {
    super(location, reason);
  }

  public SigmaValueException(RuleLocation location, String reason, Throwable cause) {
    super(location, reason, cause);
  }
}
