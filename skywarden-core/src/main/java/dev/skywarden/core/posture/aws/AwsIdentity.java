package dev.skywarden.core.posture.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * An IAM user or role of an authorization details export with its effective permissions.
 *
 * @param kind {@code user} or {@code role}
 * @param name the user or role name
 * @param arn the ARN
 * @param account the account id from the ARN
 * @param path the IAM path, such as {@code /aws-service-role/}
 * @param permissions the statements of every policy that applies
 * @param managedPolicies names of the managed policies attached to it or (users) its groups
 * @param tags the IAM tags, key to value
 * @param trustPolicy the role trust policy, or a missing node for users
 * @param source the export file
 */
record AwsIdentity(
    String kind,
    String name,
    String arn,
    String account,
    String path,
    IamPermissions permissions,
    List<String> managedPolicies,
    Map<String, String> tags,
    JsonNode trustPolicy,
    String source) {

  boolean isUser() {
    return kind.equals("user");
  }

  /** Tells whether AWS owns the role (service-linked roles), so customers cannot change it. */
  boolean serviceLinked() {
    return path.startsWith("/aws-service-role/");
  }

  /** Tells whether the role is an IAM Identity Center permission set role. */
  boolean identityCenterRole() {
    return !isUser() && name.startsWith("AWSReservedSSO_");
  }
}
