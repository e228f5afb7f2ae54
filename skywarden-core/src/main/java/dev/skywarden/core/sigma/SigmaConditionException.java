package dev.skywarden.core.sigma;

/** The condition cannot be parsed or names a search identifier that the detection lacks. */
public class SigmaConditionException extends SigmaRuleException {

  private static final long serialVersionUID = 1L;

  public SigmaConditionException(RuleLocation location, String reason) {
    super(location, reason);
  }

  public SigmaConditionException(RuleLocation location, String reason, Throwable cause) {
    super(location, reason, cause);
  }
}
