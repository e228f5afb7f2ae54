package dev.skywarden.core.sigma;

/** The document is valid Sigma but uses a feature this engine does not implement yet. */
public class SigmaUnsupportedException extends SigmaRuleException {

  private static final long serialVersionUID = 1L;

  public SigmaUnsupportedException(RuleLocation location, String reason) {
    super(location, reason);
  }

  public SigmaUnsupportedException(RuleLocation location, String reason, Throwable cause) {
    super(location, reason, cause);
  }
}
