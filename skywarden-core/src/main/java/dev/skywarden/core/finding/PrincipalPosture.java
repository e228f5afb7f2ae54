package dev.skywarden.core.finding;

import java.util.ArrayList;
import java.util.List;

/**
 * What a posture audit found out about the identity behind a finding.
 *
 * @param principal the identity as the audit names it: an IAM ARN, an Entra object id or UPN, or a
 *     GCP member such as {@code user:alice@example.com}
 * @param type the identity kind, such as {@code user}, {@code role}, {@code serviceAccount}
 * @param privileged whether the identity has administrator-equivalent or escalation rights
 * @param mfa {@code TRUE} or {@code FALSE} when the exports say whether MFA is active or
 *     registered, {@code null} when they do not
 * @param access whether its privileges are standing or granted just in time
 * @param external whether the identity belongs to another organisation (guest, external account or
 *     domain)
 * @param failedChecks the ids of the posture checks the identity failed, sorted
 */
public record PrincipalPosture(
    String principal,
    String type,
    boolean privileged,
    Boolean mfa,
    Access access,
    boolean external,
    List<String> failedChecks) {

  /** The way an identity is granted its privileges. */
  public enum Access {
    /** Assigned permanently: active whether or not it is in use. */
    STANDING,
    /** Activated for a limited time (PIM activation, time-bound condition, assumed role). */
    JUST_IN_TIME,
    /** Not stated in the exports. */
    UNKNOWN
  }

  public PrincipalPosture {
    failedChecks = List.copyOf(failedChecks);
  }

  /** Returns whether the identity is privileged and has no MFA. */
  public boolean privilegedWithoutMfa() {
    return privileged && Boolean.FALSE.equals(mfa);
  }

  /** Returns whether the identity is privileged with a permanent assignment. */
  public boolean standingPrivileged() {
    return privileged && access == Access.STANDING;
  }

  /**
   * Returns the reasons that make the identity risky, in a fixed order: privileged without MFA,
   * external, standing privileged; empty when none applies.
   */
  public List<String> riskReasons() {
    List<String> reasons = new ArrayList<>();
    if (privilegedWithoutMfa()) {
      reasons.add("privileged without MFA");
    }
    if (external) {
      reasons.add("external identity");
    }
    if (standingPrivileged()) {
      reasons.add("standing privileged access");
    }
    return reasons;
  }

  /** Returns a short text such as {@code privileged, MFA no, standing, internal}. */
  public String summary() {
    String mfaText = "MFA unknown";
    if (mfa != null) {
      mfaText = mfa ? "MFA yes" : "MFA no";
    }
    String accessText =
        switch (access) {
          case STANDING -> "standing";
          case JUST_IN_TIME -> "just-in-time";
          case UNKNOWN -> "access unknown";
        };
    return String.join(
        ", ",
        privileged ? "privileged" : "not privileged",
        mfaText,
        accessText,
        external ? "external" : "internal");
  }
}
