package dev.skywarden.core.sigma;

/**
 * A placeholder file or field mapping file given to the engine is invalid. It carries the location
 * in that file, like rule errors do.
 */
public class SigmaConfigException extends SigmaRuleException {

  private static final long serialVersionUID = 1L;

  public SigmaConfigException(RuleLocation location, String reason) {
    super(location, reason);
  }

  public SigmaConfigException(RuleLocation location, String reason, Throwable cause) {
    super(location, reason, cause);
  }
}
