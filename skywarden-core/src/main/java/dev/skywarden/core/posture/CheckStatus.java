package dev.skywarden.core.posture;

/** The outcome of a check for one resource or scope, with the OCSF compliance {@code status_id}. */
public enum CheckStatus {
  /** Every evaluated resource of the scope complies. */
  PASS(1, "Pass"),
  /** The exports lack the information the check needs. */
  NOT_EVALUATED(2, "Warning"),
  /** The resource does not comply. */
  FAIL(3, "Fail");

  private final int ocsfStatusId;
  private final String ocsfCaption;

  CheckStatus(int ocsfStatusId, String ocsfCaption) {
    this.ocsfStatusId = ocsfStatusId;
    this.ocsfCaption = ocsfCaption;
  }

  /** Returns the OCSF compliance {@code status_id}: 1 Pass, 2 Warning, 3 Fail. */
  public int ocsfStatusId() {
    return ocsfStatusId;
  }

  /** Returns the OCSF caption of {@link #ocsfStatusId()}. */
  public String ocsfCaption() {
    return ocsfCaption;
  }

  /** Returns the lower-case name with a dash, such as {@code not-evaluated}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
