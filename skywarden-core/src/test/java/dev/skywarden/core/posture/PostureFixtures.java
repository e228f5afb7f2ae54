package dev.skywarden.core.posture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Writes small exports into a folder and audits them, for tests. */
final class PostureFixtures {

  /** The "now" of every fixture audit. */
  /** The credential report columns the checks need, in AWS order. */
  static final String REPORT_HEADER =
      "user,arn,user_creation_time,password_enabled,password_last_used,mfa_active,"
          + "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
          + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date\n";

  static final Instant AS_OF = Instant.parse("2025-03-02T00:00:00Z");

  private PostureFixtures() {}

  static void write(Path dir, String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  static PostureResult audit(Path dir) throws IOException {
    return new PostureAudit().audit(new PostureLoader().load(dir), AS_OF);
  }

  /** Returns the resources that failed a check, sorted. */
  static List<String> failed(PostureResult result, String checkId) {
    return result.results(CheckStatus.FAIL).stream()
        .filter(r -> r.check().id().equals(checkId))
        .map(CheckResult::resource)
        .sorted()
        .toList();
  }

  /** Returns the statuses of a check over all scopes, distinct and sorted. */
  static List<CheckStatus> statuses(PostureResult result, String checkId) {
    return result.results().stream()
        .filter(r -> r.check().id().equals(checkId))
        .map(CheckResult::status)
        .distinct()
        .sorted()
        .toList();
  }

  /** Returns the detail of the failure of a check for one resource. */
  static String detail(PostureResult result, String checkId, String resource) {
    return result.results(CheckStatus.FAIL).stream()
        .filter(r -> r.check().id().equals(checkId) && r.resource().equals(resource))
        .map(CheckResult::detail)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no failure of " + checkId + " for " + resource));
  }

  /** Returns the detail of the not-evaluated result of a check for one scope. */
  static String notEvaluatedDetail(PostureResult result, String checkId, String scope) {
    return result.results(CheckStatus.NOT_EVALUATED).stream()
        .filter(r -> r.check().id().equals(checkId) && scope.equals(r.scope()))
        .map(CheckResult::detail)
        .findFirst()
        .orElseThrow(() -> new AssertionError(checkId + " was evaluated for " + scope));
  }

  /** Returns an IAM user of an authorization details export with one inline policy. */
  static String user(String account, String name, String statements, String tags) {
    return """
        {"Path": "/", "UserName": "%2$s", "UserId": "ID%2$s", "Arn": "arn:aws:iam::%1$s:user/%2$s",
         "CreateDate": "2024-01-01T00:00:00+00:00", "GroupList": [], "AttachedManagedPolicies": [],
         "UserPolicyList": [{"PolicyName": "%2$s-policy",
           "PolicyDocument": {"Version": "2012-10-17", "Statement": %3$s}}],
         "Tags": %4$s}"""
        .formatted(account, name, statements, tags);
  }

  /** Returns an IAM role with a trust policy and one inline policy. */
  static String role(String account, String name, String trust, String statements) {
    return """
        {"Path": "/", "RoleName": "%2$s", "RoleId": "ID%2$s", "Arn": "arn:aws:iam::%1$s:role/%2$s",
         "CreateDate": "2024-01-01T00:00:00+00:00",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": %3$s},
         "InstanceProfileList": [], "AttachedManagedPolicies": [], "Tags": [],
         "RolePolicyList": [{"PolicyName": "%2$s-policy",
           "PolicyDocument": {"Version": "2012-10-17", "Statement": %4$s}}]}"""
        .formatted(account, name, trust, statements);
  }

  /** Returns an authorization details export of users and roles. */
  static String details(List<String> users, List<String> roles) {
    return "{\"UserDetailList\": ["
        + String.join(",", users)
        + "], \"GroupDetailList\": [], \"RoleDetailList\": ["
        + String.join(",", roles)
        + "], \"Policies\": []}";
  }
}
