package dev.skywarden.core.sigma;

/**
 * A value with the {@code expand} modifier names a placeholder that no placeholder file defines.
 */
public class SigmaPlaceholderException extends SigmaRuleException {

  private static final long serialVersionUID = 1L;

  public SigmaPlaceholderException(RuleLocation location, String reason) {
    super(location, reason);
  }
}
