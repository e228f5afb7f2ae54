package dev.skywarden.core.sigma;

/** The rule file is not valid YAML or a document is not a mapping. */
public class SigmaSyntaxException extends SigmaRuleException {

  private static final long serialVersionUID = 1L;

  public SigmaSyntaxException(RuleLocation location, String reason) {
    super(location, reason);
  }

  public SigmaSyntaxException(RuleLocation location, String reason, Throwable cause) {
    super(location, reason, cause);
  }
}
