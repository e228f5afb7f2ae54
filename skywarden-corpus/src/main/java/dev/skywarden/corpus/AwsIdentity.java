package dev.skywarden.corpus;

import java.util.Map;

/**
 * The {@code userIdentity} of a CloudTrail record.
 *
 * @param type {@code AssumedRole}, {@code IAMUser}, {@code AWSService} or {@code Root}
 * @param principalId the principal id; for a role session {@code AROA...:session}
 * @param arn the identity ARN, or {@code null} for a service
 * @param accountId the account of the identity
 * @param accessKeyId the access key of the call, or {@code null}
 * @param issuerArn the role ARN of a role session, else {@code null}
 * @param issuerId the role id of a role session
 * @param issuerName the role name of a role session
 * @param sessionCreated when the session was created, ISO-8601 UTC
 * @param mfa whether the session was created with MFA
 * @param invokedBy the service that made the call, or {@code null}
 * @param ec2Instance whether the credentials come from an EC2 instance profile, which CloudTrail
 *     marks with {@code ec2RoleDelivery}
 * @param console whether the call came through the console session, which CloudTrail marks with the
 *     record field {@code sessionCredentialFromConsole} (outside {@code userIdentity})
 */
record AwsIdentity(
    String type,
    String principalId,
    String arn,
    String accountId,
    String accessKeyId,
    String issuerArn,
    String issuerId,
    String issuerName,
    String sessionCreated,
    boolean mfa,
    String invokedBy,
    boolean ec2Instance,
    boolean console) {

  /** Returns the identity as the CloudTrail {@code userIdentity} object. */
  Map<String, Object> toJson() {
    Map<String, Object> identity = Json.obj("type", type);
    if (principalId != null) {
      identity.put("principalId", principalId);
    }
    if (arn != null) {
      identity.put("arn", arn);
    }
    if (accountId != null) {
      identity.put("accountId", accountId);
    }
    if (accessKeyId != null) {
      identity.put("accessKeyId", accessKeyId);
    }
    if (type.equals("IAMUser")) {
      identity.put("userName", arn.substring(arn.lastIndexOf('/') + 1));
    }
    if (issuerArn != null) {
      Map<String, Object> context =
          Json.obj(
              "sessionIssuer",
              Json.obj(
                  "type", "Role",
                  "principalId", issuerId,
                  "arn", issuerArn,
                  "accountId", accountId,
                  "userName", issuerName),
              "attributes",
              Json.obj("creationDate", sessionCreated, "mfaAuthenticated", String.valueOf(mfa)));
      if (ec2Instance) {
        context.put("ec2RoleDelivery", "2.0");
      }
      identity.put("sessionContext", context);
    } else if (sessionCreated != null && type.equals("IAMUser")) {
      identity.put(
          "sessionContext",
          Json.obj(
              "attributes",
              Json.obj("creationDate", sessionCreated, "mfaAuthenticated", String.valueOf(mfa))));
    }
    if (invokedBy != null) {
      identity.put("invokedBy", invokedBy);
    }
    return identity;
  }
}
