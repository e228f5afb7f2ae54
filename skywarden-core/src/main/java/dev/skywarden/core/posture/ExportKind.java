package dev.skywarden.core.posture;

/** The kinds of export the posture audit reads, each recognised by its content. */
public enum ExportKind {
  /** {@code aws iam get-account-authorization-details}: {@code UserDetailList}, ... */
  AWS_AUTHORIZATION_DETAILS("aws iam get-account-authorization-details"),
  /** The IAM credential report, as CSV or as {@code aws iam get-credential-report} JSON. */
  AWS_CREDENTIAL_REPORT("IAM credential report"),
  /** {@code aws iam get-account-summary}: {@code SummaryMap}. */
  AWS_ACCOUNT_SUMMARY("aws iam get-account-summary"),
  /** {@code aws iam list-virtual-mfa-devices}: {@code VirtualMFADevices}. */
  AWS_VIRTUAL_MFA_DEVICES("aws iam list-virtual-mfa-devices"),
  /** {@code az role assignment list --all}: objects with {@code roleDefinitionName}. */
  AZURE_ROLE_ASSIGNMENTS("az role assignment list"),
  /** Entra {@code userRegistrationDetails}: objects with {@code isMfaRegistered}. */
  ENTRA_REGISTRATION_DETAILS("Entra user registration details"),
  /** PIM eligibility schedules (Graph or Azure Resource Manager). */
  AZURE_PIM_ELIGIBILITY("PIM eligibility schedules"),
  /** PIM assignment schedules, with {@code assignmentType}. */
  AZURE_PIM_ASSIGNMENTS("PIM assignment schedules"),
  /** {@code gcloud projects get-iam-policy}: {@code bindings}. */
  GCP_IAM_POLICY("gcloud projects get-iam-policy"),
  /** Cloud Asset Inventory IAM policies: records with {@code iamPolicy} or {@code policy}. */
  GCP_ASSET_IAM_POLICIES("Cloud Asset Inventory IAM policies"),
  /** {@code gcloud iam service-accounts keys list}: objects with {@code keyType}. */
  GCP_SERVICE_ACCOUNT_KEYS("gcloud iam service-accounts keys list"),
  /** The posture configuration. */
  CONFIG("posture configuration");

  private final String description;

  ExportKind(String description) {
    this.description = description;
  }

  /** Returns the command or document the kind comes from. */
  public String description() {
    return description;
  }
}
