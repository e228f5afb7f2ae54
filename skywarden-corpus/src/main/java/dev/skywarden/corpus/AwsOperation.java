package dev.skywarden.corpus;

import java.util.List;

/**
 * An AWS API operation as CloudTrail names it, with how often a kind of caller uses it.
 *
 * @param eventSource the service endpoint, such as {@code ec2.amazonaws.com}
 * @param eventName the API action as CloudTrail records it
 * @param readOnly the CloudTrail {@code readOnly} flag
 * @param weight the relative frequency within its mix
 * @param cliCommand the AWS CLI command, such as {@code ec2.describe-instances}
 */
record AwsOperation(
    String eventSource, String eventName, boolean readOnly, double weight, String cliCommand) {

  /** Whether the service is global and logged in us-east-1. */
  boolean global() {
    return eventSource.startsWith("iam.")
        || eventSource.startsWith("route53.")
        || eventSource.startsWith("organizations.")
        || eventName.equals("ListBuckets");
  }

  static AwsOperation read(String source, String name, double weight, String cli) {
    return new AwsOperation(source + ".amazonaws.com", name, true, weight, cli);
  }

  static AwsOperation write(String source, String name, double weight, String cli) {
    return new AwsOperation(source + ".amazonaws.com", name, false, weight, cli);
  }

  /** Picks an operation of a mix by weight. */
  static AwsOperation pick(List<AwsOperation> mix, double[] weights, Rng rng) {
    return mix.get(rng.weighted(weights));
  }

  static double[] weights(List<AwsOperation> mix) {
    return mix.stream().mapToDouble(AwsOperation::weight).toArray();
  }
}
