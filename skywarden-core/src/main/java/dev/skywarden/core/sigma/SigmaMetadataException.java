package dev.skywarden.core.sigma;

/** A top-level rule attribute such as title, level, date or logsource is missing or invalid. */
public class SigmaMetadataException extends SigmaRuleException {

  private static final long serialVersionUID = 1L;

  public SigmaMetadataException(RuleLocation location, String reason) {
    super(location, reason);
  }

  public SigmaMetadataException(RuleLocation location, String reason, Throwable cause) {
    super(location, reason, cause);
  }
}
