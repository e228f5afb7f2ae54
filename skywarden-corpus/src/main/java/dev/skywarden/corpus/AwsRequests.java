package dev.skywarden.corpus;

import java.util.List;
import java.util.Map;

/**
 * The {@code requestParameters} and errors of generated AWS calls.
 *
 * <p>Parameters are filled for the operations that rules and analysts look at (instances, roles,
 * parameters, commands) and left {@code null} for the rest, as CloudTrail does for many List calls.
 */
final class AwsRequests {

  private AwsRequests() {}

  static Map<String, Object> of(AwsOperation op, Organisation.AwsAccount account, Rng rng) {
    String instance = rng.pick(account.instances());
    return switch (op.eventName()) {
      case "DescribeInstances" -> Json.obj("instancesSet", Json.obj(), "filterSet", Json.obj());
      case "StartInstances", "StopInstances", "RebootInstances", "TerminateInstances" ->
          Json.obj("instancesSet", Json.obj("items", List.of(Json.obj("instanceId", instance))));
      case "CreateTags" ->
          Json.obj(
              "resourcesSet", Json.obj("items", List.of(Json.obj("resourceId", instance))),
              "tagSet",
                  Json.obj("items", List.of(Json.obj("key", "owner", "value", account.name()))));
      case "DescribeInstanceAttribute" -> Json.obj("instanceId", instance, "attribute", "userData");
      case "ModifyInstanceAttribute" ->
          Json.obj("instanceId", instance, "userData", "<sensitiveDataRemoved>");
      case "AuthorizeSecurityGroupIngress" ->
          Json.obj(
              "groupId",
              "sg-0" + rng.hex(16),
              "ipPermissions",
              Json.obj(
                  "items",
                  List.of(
                      Json.obj(
                          "ipProtocol",
                          "tcp",
                          "fromPort",
                          443,
                          "toPort",
                          443,
                          "ipRanges",
                          Json.obj("items", List.of(Json.obj("cidrIp", "10.0.0.0/8")))))));
      case "GetRole", "ListAttachedRolePolicies", "GetRolePolicy" ->
          Json.obj("roleName", rng.pick(account.workloads()).role());
      case "PutRolePolicy" ->
          Json.obj(
              "roleName",
              rng.pick(account.workloads()).role(),
              "policyName",
              "app-access",
              "policyDocument",
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                  + "\"Action\":[\"s3:GetObject\"],\"Resource\":\"arn:aws:s3:::"
                  + account.name()
                  + "-data/*\"}]}");
      case "CreateUser" -> Json.obj("userName", "svc-" + account.name() + "-" + rng.hex(4));
      case "GetParameter", "PutParameter" ->
          Json.obj("name", "/" + account.name() + "/config/db-url", "withDecryption", true);
      case "SendCommand" ->
          Json.obj(
              "instanceIds",
              List.of(instance),
              "documentName",
              rng.chance(0.7) ? "AWS-RunPatchBaseline" : "AWS-RunShellScript",
              "interactive",
              false);
      case "StartSession" -> Json.obj("target", instance);
      case "GetSecretValue" -> Json.obj("secretId", account.name() + "/db-credentials");
      case "DescribeTable" -> Json.obj("tableName", account.name() + "-state");
      case "GetBucketPolicy",
          "GetBucketLocation",
          "GetBucketAcl",
          "GetBucketVersioning",
          "GetBucketEncryption",
          "PutBucketTagging",
          "PutBucketPolicy" ->
          Json.obj(
              "bucketName",
              account.name() + "-data",
              "Host",
              account.name() + "-data.s3.amazonaws.com");
      case "UpdateFunctionCode20150331v2",
          "UpdateFunctionConfiguration20150331v2",
          "GetFunction20150331v2" ->
          Json.obj("functionName", account.name() + "-handler");
      default -> null;
    };
  }

  /**
   * Returns the error code of a failed call, or {@code null} when the call succeeds.
   *
   * @param readOnlyPermissions whether the caller has read-only permissions, so that every write is
   *     denied
   */
  static String error(AwsOperation op, boolean readOnlyPermissions, Rng rng) {
    boolean ec2 = op.eventSource().startsWith("ec2.");
    if (!op.readOnly() && readOnlyPermissions) {
      return ec2 ? "Client.UnauthorizedOperation" : "AccessDenied";
    }
    double draw = rng.nextDouble();
    if (draw < 0.02) {
      return ec2 ? "Client.UnauthorizedOperation" : "AccessDenied";
    }
    if (draw < 0.025) {
      return ec2 ? "Client.RequestLimitExceeded" : "ThrottlingException";
    }
    if (draw < 0.035 && op.eventSource().startsWith("iam.") && op.eventName().startsWith("Get")) {
      return "NoSuchEntityException";
    }
    return null;
  }

  static String message(String errorCode, AwsOperation op, String arn) {
    if (errorCode.endsWith("UnauthorizedOperation") || errorCode.equals("AccessDenied")) {
      return "User: "
          + arn
          + " is not authorized to perform: "
          + op.eventSource().substring(0, op.eventSource().indexOf('.'))
          + ":"
          + op.eventName()
          + " because no identity-based policy allows the action";
    }
    if (errorCode.equals("NoSuchEntityException")) {
      return "The role with name was not found.";
    }
    return "Rate exceeded";
  }
}
