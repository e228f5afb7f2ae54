package dev.skywarden.core.finding;

import java.util.Locale;

/**
 * How urgent a finding is. The names are the Sigma {@code level} values; the OCSF severity ids are
 * those of the Detection Finding class.
 */
public enum Severity {
  INFORMATIONAL(1),
  LOW(2),
  MEDIUM(3),
  HIGH(4),
  CRITICAL(5);

  private final int ocsfSeverityId;

  Severity(int ocsfSeverityId) {
    this.ocsfSeverityId = ocsfSeverityId;
  }

  /** Returns the OCSF {@code severity_id}: 1 (informational) to 5 (critical). */
  public int ocsfSeverityId() {
    return ocsfSeverityId;
  }

  /** Returns the lower-case Sigma level name, such as {@code high}. */
  public String sigmaLevel() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a Sigma level or a severity name, ignoring case.
   *
   * @throws IllegalArgumentException when the text is none of the five levels
   */
  public static Severity parse(String text) {
    for (Severity severity : values()) {
      if (severity.name().equalsIgnoreCase(text.trim())) {
        return severity;
      }
    }
    throw new IllegalArgumentException(
        "invalid severity '" + text + "': expected informational, low, medium, high or critical");
  }
}
