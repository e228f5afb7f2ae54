package dev.skywarden.core.normalize;

/** The log formats that {@link FormatDetector} recognises. */
enum RecordFormat {
  CLOUDTRAIL,
  /** A CloudTrail Insights event: a statistical summary that is skipped. */
  CLOUDTRAIL_INSIGHT,
  AZURE_ACTIVITY,
  ENTRA_SIGNIN,
  ENTRA_AUDIT,
  GCP_AUDIT,
  /** A Kubernetes audit event (EKS, AKS {@code kube-audit}), which this version does not read. */
  KUBERNETES_AUDIT,
  UNKNOWN
}
