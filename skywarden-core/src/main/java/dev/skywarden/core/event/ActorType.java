package dev.skywarden.core.event;

/** The kind of identity that made a call, across the three clouds. */
public enum ActorType {
  /** AWS root user, or the Azure/Entra global administrator acting as the tenant owner. */
  ROOT,
  /** A long-lived human or IAM user (AWS IAMUser, Entra user, Google account). */
  USER,
  /** A temporary session of an assumed AWS role. */
  ROLE_SESSION,
  /** A federated user (AWS FederatedUser, SAMLUser, WebIdentityUser, Identity Center user). */
  FEDERATED_USER,
  /** An Entra application's service principal. */
  SERVICE_PRINCIPAL,
  /** An Azure managed identity. */
  MANAGED_IDENTITY,
  /** A GCP service account. */
  SERVICE_ACCOUNT,
  /** A cloud service acting for itself (AWSService, Google-internal callers). */
  CLOUD_SERVICE,
  /** Another account acting across accounts (AWSAccount). */
  OTHER_ACCOUNT,
  UNKNOWN
}
