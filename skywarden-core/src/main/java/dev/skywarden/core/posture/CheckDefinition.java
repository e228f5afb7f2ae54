package dev.skywarden.core.posture;

import dev.skywarden.core.finding.Severity;
import java.util.List;

/**
 * One posture check as the data file {@code posture-checks.json} defines it.
 *
 * @param id the check id, such as {@code AWS-MFA-01}
 * @param provider the cloud: {@code aws}, {@code azure} or {@code gcp}
 * @param family the check family, such as {@code mfa} or {@code third-party}
 * @param severity the severity of a failed result
 * @param title what the check fails on
 * @param csfSubcategory the CSF 2.0 subcategory it evidences, such as {@code PR.AA-05}
 * @param criStatement the CRI Profile v2.1 diagnostic statement, such as {@code PR.AA-05.02}
 * @param nistControls NIST SP 800-53 r5 controls, such as {@code AC-6}
 * @param mitigations ATT&CK mitigations, such as {@code M1026}
 * @param remediation what to do when the check fails
 */
public record CheckDefinition(
    String id,
    String provider,
    String family,
    Severity severity,
    String title,
    String csfSubcategory,
    String criStatement,
    List<String> nistControls,
    List<String> mitigations,
    String remediation) {

  public CheckDefinition {
    nistControls = List.copyOf(nistControls);
    mitigations = List.copyOf(mitigations);
  }
}
