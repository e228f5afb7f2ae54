package dev.skywarden.core.sigma;

/** The detection section has an invalid search identifier, field or value shape. */
public class SigmaDetectionException extends SigmaRuleException {

  private static final long serialVersionUID = 1L;

  public SigmaDetectionException(RuleLocation location, String reason) {
    super(location, reason);
  }

  public SigmaDetectionException(RuleLocation location, String reason, Throwable cause) {
    super(location, reason, cause);
  }
}
