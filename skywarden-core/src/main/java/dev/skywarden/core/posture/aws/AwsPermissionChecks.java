package dev.skywarden.core.posture.aws;

import dev.skywarden.core.posture.AuditResults;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * AWS-ADMIN-01, AWS-PRIVESC-01, AWS-SHELL-01 and AWS-JIT-01: what each user and role may do.
 * Service-linked roles are skipped because AWS owns them.
 */
final class AwsPermissionChecks {

  private final AuditResults results;

  AwsPermissionChecks(AuditResults results) {
    this.results = results;
  }

  void run(List<AwsPrivileges> identities, boolean haveDetails) {
    if (!haveDetails) {
      for (String id : List.of("AWS-ADMIN-01", "AWS-PRIVESC-01", "AWS-SHELL-01", "AWS-JIT-01")) {
        results.notEvaluated(id, null, "needs aws iam get-account-authorization-details", null);
      }
      return;
    }
    Set<String> identityCenterAccounts = new HashSet<>();
    for (AwsPrivileges privileges : identities) {
      if (privileges.identity().identityCenterRole()) {
        identityCenterAccounts.add(privileges.identity().account());
      }
    }
    for (AwsPrivileges privileges : identities) {
      AwsIdentity identity = privileges.identity();
      if (identity.serviceLinked()) {
        continue;
      }
      String account = identity.account();
      String source = identity.source();

      if (privileges.admin()) {
        results.fail(
            "AWS-ADMIN-01",
            account,
            identity.arn(),
            identity.kind(),
            "Action * on Resource * via "
                + String.join(", ", privileges.adminPolicies())
                + "; "
                + privileges.denies(),
            source);
      } else {
        results.evaluated("AWS-ADMIN-01", account, source);
      }

      if (!privileges.admin() && !privileges.escalations().isEmpty()) {
        results.fail(
            "AWS-PRIVESC-01",
            account,
            identity.arn(),
            identity.kind(),
            "can "
                + String.join("; ", privileges.escalations())
                + blockedNote(privileges)
                + "; "
                + privileges.denies(),
            source);
      } else {
        results.evaluated("AWS-PRIVESC-01", account, source);
      }

      boolean shellExempt =
          privileges.admin()
              || results.context().config().runCommandAllowed(identity.arn())
              || AwsTrustChecks.trustedOnlyByServices(identity);
      if (!shellExempt && !privileges.runCommand().isEmpty()) {
        results.fail(
            "AWS-SHELL-01",
            account,
            identity.arn(),
            identity.kind(),
            String.join(", ", privileges.runCommand()) + "; " + privileges.denies(),
            source);
      } else {
        results.evaluated("AWS-SHELL-01", account, source);
      }

      if (identity.isUser()) {
        if (privileges.privileged()) {
          results.fail(
              "AWS-JIT-01",
              account,
              identity.arn(),
              identity.kind(),
              (privileges.admin() ? "administrator" : "can escalate privileges")
                  + " as a long-lived IAM user"
                  + (identityCenterAccounts.contains(account)
                      ? "; IAM Identity Center permission sets are in use in this account"
                      : ""),
              source);
        } else {
          results.evaluated("AWS-JIT-01", account, source);
        }
      }
    }
  }

  private static String blockedNote(AwsPrivileges privileges) {
    int blocked = privileges.blockedEscalations();
    if (blocked == 0) {
      return "";
    }
    return " (" + blocked + (blocked == 1 ? " path" : " paths") + " blocked by a Deny)";
  }
}
