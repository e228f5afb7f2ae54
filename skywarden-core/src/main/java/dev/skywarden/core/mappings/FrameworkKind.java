package dev.skywarden.core.mappings;

/** What the capabilities of a Mappings Explorer framework are. */
public enum FrameworkKind {
  /** Security controls, such as NIST SP 800-53 or CSA CCM; posture checks can evidence them. */
  CONTROL,
  /** Products and their features, such as AWS GuardDuty or Microsoft Entra ID. */
  CAPABILITY,
  /** Incident categories, such as VERIS actions and attributes. */
  CATEGORY
}
