package dev.skywarden.core.event;

/**
 * The audit log an event was read from, with the Sigma log source ({@code product}, {@code
 * service}) that rules use to select it.
 */
public enum LogKind {
  CLOUDTRAIL(CloudProvider.AWS, "aws", "cloudtrail"),
  AZURE_ACTIVITY(CloudProvider.AZURE, "azure", "activitylogs"),
  ENTRA_SIGNIN(CloudProvider.AZURE, "azure", "signinlogs"),
  ENTRA_AUDIT(CloudProvider.AZURE, "azure", "auditlogs"),
  GCP_AUDIT(CloudProvider.GCP, "gcp", "gcp.audit");

  private final CloudProvider provider;
  private final String sigmaProduct;
  private final String sigmaService;

  LogKind(CloudProvider provider, String sigmaProduct, String sigmaService) {
    this.provider = provider;
    this.sigmaProduct = sigmaProduct;
    this.sigmaService = sigmaService;
  }

  public CloudProvider provider() {
    return provider;
  }

  /** Returns the Sigma {@code logsource.product} of this log. */
  public String sigmaProduct() {
    return sigmaProduct;
  }

  /** Returns the Sigma {@code logsource.service} of this log. */
  public String sigmaService() {
    return sigmaService;
  }
}
