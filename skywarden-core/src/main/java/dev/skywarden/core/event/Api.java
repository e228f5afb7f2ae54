package dev.skywarden.core.event;

/**
 * The API operation called.
 *
 * @param service the service in the provider's own form: {@code iam.amazonaws.com}, {@code
 *     Microsoft.Compute}, {@code compute.googleapis.com}
 * @param operation the operation: CloudTrail {@code eventName}, Azure {@code operationName} value,
 *     GCP {@code methodName}
 * @param readOnly {@code TRUE} for reads, {@code FALSE} for writes, {@code null} when unknown
 */
public record Api(String service, String operation, Boolean readOnly) {}
