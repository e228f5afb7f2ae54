package dev.skywarden.core.analytics;

import dev.skywarden.core.finding.Severity;
import java.util.List;

/**
 * The behavioural detections: the rule id, title and ATT&CK techniques of their findings. The
 * first-use detection adds the techniques of the operation from {@link OperationCatalog}.
 */
public enum BehaviouralDetection {
  FIRST_SENSITIVE_OPERATION(
      "skywarden-analytics-first-sensitive-operation",
      "First use of a sensitive operation by this identity",
      Severity.MEDIUM,
      List.of("T1078.004")),
  NEW_CLIENT(
      "skywarden-analytics-new-client",
      "New client for this identity",
      Severity.MEDIUM,
      List.of("T1078.004", "T1059.009")),
  NEW_NETWORK(
      "skywarden-analytics-new-network",
      "New source network for this identity",
      Severity.LOW,
      List.of("T1078.004")),
  CREDENTIAL_SPREAD(
      "skywarden-analytics-credential-spread",
      "One credential used from networks far apart within an hour",
      Severity.HIGH,
      List.of("T1078.004", "T1550.001")),
  WORKLOAD_CREDENTIAL_ELSEWHERE(
      "skywarden-analytics-workload-credential-elsewhere",
      "Workload credential used away from its workload",
      Severity.HIGH,
      List.of("T1552.005", "T1078.004")),
  NEW_PARAMETER(
      "skywarden-analytics-new-parameter",
      "New parameter or value for an operation this identity uses",
      Severity.LOW,
      List.of("T1078.004")),
  DENIED_ENUMERATION(
      "skywarden-analytics-denied-enumeration",
      "Many distinct operations denied within minutes",
      Severity.MEDIUM,
      List.of("T1580", "T1526", "T1069.003")),
  DISCOVERY_BURST(
      "skywarden-analytics-discovery-burst",
      "Many distinct discovery calls within minutes",
      Severity.LOW,
      List.of("T1580", "T1526")),
  CALL_RATE(
      "skywarden-analytics-call-rate",
      "Call rate far above this identity's baseline",
      Severity.LOW,
      List.of("T1078.004")),
  ERROR_RATE(
      "skywarden-analytics-error-rate",
      "Error rate far above this identity's baseline",
      Severity.MEDIUM,
      List.of("T1078.004", "T1580"));

  private final String ruleId;
  private final String title;
  private final Severity severity;

  // List.copyOf returns an unmodifiable list, which Error Prone cannot tell from a mutable one.
  @SuppressWarnings("ImmutableEnumChecker")
  private final List<String> techniqueIds;

  BehaviouralDetection(String ruleId, String title, Severity severity, List<String> techniqueIds) {
    this.ruleId = ruleId;
    this.title = title;
    this.severity = severity;
    this.techniqueIds = List.copyOf(techniqueIds);
  }

  public String ruleId() {
    return ruleId;
  }

  public String title() {
    return title;
  }

  /**
   * Returns the usual severity. Some detectors raise or lower it per finding, as their javadoc
   * states.
   */
  public Severity severity() {
    return severity;
  }

  public List<String> techniqueIds() {
    return techniqueIds;
  }
}
