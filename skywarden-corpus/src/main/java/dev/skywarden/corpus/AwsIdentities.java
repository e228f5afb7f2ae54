package dev.skywarden.corpus;

import java.time.Instant;

/**
 * Builds the {@code userIdentity} of each kind of AWS caller. Session keys and creation times are
 * derived from the seed and the session's coordinates, so a session keeps its key across slices.
 */
final class AwsIdentities {

  private static final long SALT_SSO = Rng.hash("sso-session");
  private static final long SALT_WORKLOAD = Rng.hash("workload-session");
  private static final long SALT_CI = Rng.hash("ci-session");

  private AwsIdentities() {}

  /** An IAM Identity Center session of a person, one per day and account. */
  static AwsIdentity sso(
      Organisation org,
      Organisation.Person person,
      Organisation.AwsAccount account,
      long day,
      boolean console) {
    Rng rng = Rng.of(org.seed, SALT_SSO, person.index(), account.index(), day);
    String role = Organisation.ssoRoleName(account, person.permissionSet());
    String roleId =
        "AROA"
            + Rng.of(org.seed, SALT_SSO, account.index(), person.permissionSet()).keyIdSuffix(17);
    Instant created = Instant.ofEpochSecond(day * 86_400 + rng.between(6 * 3600, 10 * 3600));
    return new AwsIdentity(
        "AssumedRole",
        roleId + ":" + person.email(),
        "arn:aws:sts::" + account.id() + ":assumed-role/" + role + "/" + person.email(),
        account.id(),
        "ASIA" + rng.keyIdSuffix(16),
        "arn:aws:iam::" + account.id() + ":role/aws-reserved/sso.amazonaws.com/" + role,
        roleId,
        role,
        created.toString(),
        false,
        null,
        false,
        console);
  }

  /** An instance-profile or Lambda execution session of a workload; keys rotate every 6 hours. */
  static AwsIdentity workload(
      Organisation org,
      Organisation.AwsAccount account,
      Organisation.Workload workload,
      long hour) {
    long period = Math.floorDiv(hour, 6);
    Rng rng = Rng.of(org.seed, SALT_WORKLOAD, account.index(), Rng.hash(workload.role()), period);
    return new AwsIdentity(
        "AssumedRole",
        workload.roleId() + ":" + workload.session(),
        "arn:aws:sts::"
            + account.id()
            + ":assumed-role/"
            + workload.role()
            + "/"
            + workload.session(),
        account.id(),
        "ASIA" + rng.keyIdSuffix(16),
        workload.roleArn(),
        workload.roleId(),
        workload.role(),
        Instant.ofEpochSecond(period * 6 * 3600 + 60).toString(),
        false,
        null,
        !workload.lambda(),
        false);
  }

  /** A CI pipeline's web-identity session of one run. */
  static AwsIdentity ci(
      Organisation org, Organisation.AwsAccount account, long runId, Instant created) {
    Rng rng = Rng.of(org.seed, SALT_CI, account.index(), runId);
    String role = "github-actions-" + account.ciTool();
    String roleId = "AROA" + Rng.of(org.seed, SALT_CI, account.index()).keyIdSuffix(17);
    String session = "GitHubActions-" + runId;
    return new AwsIdentity(
        "AssumedRole",
        roleId + ":" + session,
        "arn:aws:sts::" + account.id() + ":assumed-role/" + role + "/" + session,
        account.id(),
        "ASIA" + rng.keyIdSuffix(16),
        "arn:aws:iam::" + account.id() + ":role/" + role,
        roleId,
        role,
        created.toString(),
        false,
        null,
        false,
        false);
  }

  /** An IAM user calling with its long-term access key. */
  static AwsIdentity iamUser(Organisation.AwsAccount account, Organisation.IamUser user) {
    return new AwsIdentity(
        "IAMUser",
        user.principalId(),
        user.arn(),
        account.id(),
        user.accessKeyId(),
        null,
        null,
        null,
        null,
        false,
        null,
        false,
        false);
  }

  /** A service-linked role session, such as AWS Config's, with the service as {@code invokedBy}. */
  static AwsIdentity serviceLinked(
      Organisation org,
      Organisation.AwsAccount account,
      String role,
      String session,
      String service) {
    String roleId = "AROA" + Rng.of(org.seed, Rng.hash(role), account.index()).keyIdSuffix(17);
    return new AwsIdentity(
        "AssumedRole",
        roleId + ":" + session,
        "arn:aws:sts::" + account.id() + ":assumed-role/" + role + "/" + session,
        account.id(),
        "ASIA" + Rng.of(org.seed, Rng.hash(role), account.index(), 1).keyIdSuffix(16),
        "arn:aws:iam::" + account.id() + ":role/aws-service-role/" + service + "/" + role,
        roleId,
        role,
        "2026-01-01T00:00:00Z",
        false,
        service,
        false,
        false);
  }

  /** An AWS service acting on its own, such as Lambda assuming an execution role. */
  static AwsIdentity awsService(String service) {
    return new AwsIdentity(
        "AWSService", null, null, null, null, null, null, null, null, false, service, false, false);
  }
}
