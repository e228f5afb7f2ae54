package dev.skywarden.corpus;

import static dev.skywarden.corpus.AwsOperation.read;
import static dev.skywarden.corpus.AwsOperation.write;

import java.util.List;

/**
 * The operation mixes of each kind of AWS caller: people in the console or a CLI, CI pipelines,
 * workloads and AWS Config.
 *
 * <p>The weights are estimates of a typical organisation's mix, reads far above writes, not
 * measurements of a real one.
 */
final class AwsMixes {

  static final List<AwsOperation> PEOPLE_READS =
      List.of(
          read("ec2", "DescribeInstances", 10, "ec2.describe-instances"),
          read("ec2", "DescribeSecurityGroups", 4, "ec2.describe-security-groups"),
          read("ec2", "DescribeVpcs", 3, "ec2.describe-vpcs"),
          read("ec2", "DescribeSubnets", 3, "ec2.describe-subnets"),
          read("ec2", "DescribeVolumes", 2, "ec2.describe-volumes"),
          read("ec2", "DescribeImages", 1, "ec2.describe-images"),
          read("s3", "ListBuckets", 5, "s3.ls"),
          read("s3", "GetBucketLocation", 3, "s3api.get-bucket-location"),
          read("s3", "GetBucketPolicy", 2, "s3api.get-bucket-policy"),
          read("iam", "ListRoles", 3, "iam.list-roles"),
          read("iam", "GetRole", 3, "iam.get-role"),
          read("iam", "ListUsers", 1, "iam.list-users"),
          read("iam", "ListAttachedRolePolicies", 1, "iam.list-attached-role-policies"),
          read("lambda", "ListFunctions20150331", 3, "lambda.list-functions"),
          read("lambda", "GetFunction20150331v2", 2, "lambda.get-function"),
          read("monitoring", "DescribeAlarms", 3, "cloudwatch.describe-alarms"),
          read("monitoring", "GetMetricData", 4, "cloudwatch.get-metric-data"),
          read("logs", "DescribeLogGroups", 3, "logs.describe-log-groups"),
          read("logs", "FilterLogEvents", 2, "logs.filter-log-events"),
          read("sts", "GetCallerIdentity", 3, "sts.get-caller-identity"),
          read("rds", "DescribeDBInstances", 2, "rds.describe-db-instances"),
          read("dynamodb", "ListTables", 2, "dynamodb.list-tables"),
          read("dynamodb", "DescribeTable", 2, "dynamodb.describe-table"),
          read("cloudformation", "DescribeStacks", 3, "cloudformation.describe-stacks"),
          read("kms", "ListKeys", 1, "kms.list-keys"),
          read("ssm", "DescribeInstanceInformation", 1, "ssm.describe-instance-information"),
          read("ssm", "GetParameter", 2, "ssm.get-parameter"),
          read("ecs", "DescribeServices", 2, "ecs.describe-services"),
          read("eks", "ListClusters", 1, "eks.list-clusters"),
          read("route53", "ListHostedZones", 1, "route53.list-hosted-zones"),
          read("secretsmanager", "ListSecrets", 1, "secretsmanager.list-secrets"),
          read("cloudtrail", "LookupEvents", 1, "cloudtrail.lookup-events"),
          read("elasticloadbalancing", "DescribeLoadBalancers", 2, "elbv2.describe-load-balancers"),
          read(
              "autoscaling",
              "DescribeAutoScalingGroups",
              1,
              "autoscaling.describe-auto-scaling-groups"));

  static final List<AwsOperation> PEOPLE_WRITES =
      List.of(
          write("ec2", "CreateTags", 5, "ec2.create-tags"),
          write("ec2", "StartInstances", 3, "ec2.start-instances"),
          write("ec2", "StopInstances", 3, "ec2.stop-instances"),
          write("ec2", "RebootInstances", 1, "ec2.reboot-instances"),
          write("ec2", "AuthorizeSecurityGroupIngress", 1, "ec2.authorize-security-group-ingress"),
          write(
              "lambda",
              "UpdateFunctionConfiguration20150331v2",
              1,
              "lambda.update-function-configuration"),
          write("ssm", "PutParameter", 2, "ssm.put-parameter"),
          write("logs", "PutRetentionPolicy", 1, "logs.put-retention-policy"),
          write("ecs", "UpdateService", 2, "ecs.update-service"),
          write("cloudformation", "UpdateStack", 1, "cloudformation.update-stack"),
          write("s3", "PutBucketTagging", 1, "s3api.put-bucket-tagging"),
          write("ssm", "StartSession", 1, "ssm.start-session"),
          write("ssm", "SendCommand", 0.3, "ssm.send-command"));

  static final List<AwsOperation> CI_READS =
      List.of(
          read("ec2", "DescribeInstances", 4, ""),
          read("ec2", "DescribeSecurityGroups", 5, ""),
          read("ec2", "DescribeVpcs", 4, ""),
          read("ec2", "DescribeSubnets", 4, ""),
          read("ec2", "DescribeRouteTables", 2, ""),
          read("ec2", "DescribeInstanceAttribute", 2, ""),
          read("iam", "GetRole", 6, ""),
          read("iam", "GetRolePolicy", 3, ""),
          read("iam", "ListAttachedRolePolicies", 3, ""),
          read("iam", "GetPolicy", 2, ""),
          read("iam", "GetPolicyVersion", 2, ""),
          read("s3", "GetBucketPolicy", 3, ""),
          read("s3", "GetBucketVersioning", 2, ""),
          read("s3", "GetBucketEncryption", 2, ""),
          read("lambda", "GetFunction20150331v2", 3, ""),
          read("logs", "DescribeLogGroups", 2, ""),
          read("kms", "DescribeKey", 2, ""),
          read("sts", "GetCallerIdentity", 1, ""),
          read("dynamodb", "DescribeTable", 2, ""),
          read("elasticloadbalancing", "DescribeTargetGroups", 2, ""));

  static final List<AwsOperation> CI_WRITES =
      List.of(
          write("ec2", "CreateTags", 6, ""),
          write("ec2", "AuthorizeSecurityGroupIngress", 2, ""),
          write("ec2", "RunInstances", 1, ""),
          write("ec2", "TerminateInstances", 1, ""),
          write("ec2", "ModifyInstanceAttribute", 0.3, ""),
          write("iam", "PutRolePolicy", 2, ""),
          write("iam", "CreateRole", 1, ""),
          write("iam", "AttachRolePolicy", 1, ""),
          write("iam", "CreateUser", 0.1, ""),
          write("lambda", "UpdateFunctionCode20150331v2", 3, ""),
          write("s3", "PutBucketPolicy", 1, ""),
          write("ecs", "RegisterTaskDefinition", 2, ""),
          write("ecs", "UpdateService", 2, ""),
          write("logs", "CreateLogGroup", 1, ""));

  static final List<AwsOperation> EC2_WORKLOAD =
      List.of(
          read("secretsmanager", "GetSecretValue", 4, ""),
          read("ssm", "GetParameter", 5, ""),
          read("ssm", "GetParameters", 2, ""),
          read("kms", "Decrypt", 6, ""),
          read("kms", "GenerateDataKey", 3, ""),
          read("dynamodb", "DescribeTable", 2, ""),
          read("ec2", "DescribeTags", 2, ""),
          read("ecr", "GetAuthorizationToken", 1, ""),
          read("sts", "GetCallerIdentity", 1, ""),
          write("ssm", "UpdateInstanceInformation", 4, ""),
          write("logs", "CreateLogStream", 1, ""));

  static final List<AwsOperation> LAMBDA_WORKLOAD =
      List.of(
          read("kms", "Decrypt", 5, ""),
          read("secretsmanager", "GetSecretValue", 3, ""),
          read("ssm", "GetParameter", 3, ""),
          read("dynamodb", "DescribeTable", 1, ""),
          write("logs", "CreateLogStream", 2, ""));

  static final List<AwsOperation> CONFIG_READS =
      List.of(
          read("ec2", "DescribeInstances", 3, ""),
          read("ec2", "DescribeSecurityGroups", 3, ""),
          read("ec2", "DescribeNetworkInterfaces", 2, ""),
          read("iam", "GetRole", 2, ""),
          read("iam", "GetUser", 1, ""),
          read("s3", "GetBucketAcl", 2, ""),
          read("s3", "GetBucketPolicy", 1, ""),
          read("lambda", "GetFunction20150331v2", 1, ""),
          read("rds", "DescribeDBInstances", 1, ""));

  static final double[] PEOPLE_READ_WEIGHTS = AwsOperation.weights(PEOPLE_READS);
  static final double[] PEOPLE_WRITE_WEIGHTS = AwsOperation.weights(PEOPLE_WRITES);
  static final double[] CI_READ_WEIGHTS = AwsOperation.weights(CI_READS);
  static final double[] CI_WRITE_WEIGHTS = AwsOperation.weights(CI_WRITES);
  static final double[] EC2_WORKLOAD_WEIGHTS = AwsOperation.weights(EC2_WORKLOAD);
  static final double[] LAMBDA_WORKLOAD_WEIGHTS = AwsOperation.weights(LAMBDA_WORKLOAD);
  static final double[] CONFIG_READ_WEIGHTS = AwsOperation.weights(CONFIG_READS);

  private AwsMixes() {}
}
