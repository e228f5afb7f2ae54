package dev.skywarden.core.sigma;

/** A value modifier is unknown, unsupported, or applied to a value type it does not take. */
public class SigmaModifierException extends SigmaRuleException {

  private static final long serialVersionUID = 1L;

  public SigmaModifierException(RuleLocation location, String reason) {
    super(location, reason);
  }

  public SigmaModifierException(RuleLocation location, String reason, Throwable cause) {
    super(location, reason, cause);
  }
}
