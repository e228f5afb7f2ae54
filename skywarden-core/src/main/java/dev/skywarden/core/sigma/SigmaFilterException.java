package dev.skywarden.core.sigma;

/**
 * A Sigma filter document is invalid, or names a rule that is not loaded or whose log source the
 * filter does not cover.
 */
public class SigmaFilterException extends SigmaRuleException {

  private static final long serialVersionUID = 1L;

  public SigmaFilterException(RuleLocation location, String reason) {
    super(location, reason);
  }
}
