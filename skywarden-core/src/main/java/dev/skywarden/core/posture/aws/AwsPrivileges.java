package dev.skywarden.core.posture.aws;

import dev.skywarden.core.posture.CheckCatalog;
import dev.skywarden.core.posture.CheckCatalog.Escalation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What one identity can do that matters to the checks: full administration, escalation paths and
 * shell or run-command access, after explicit Deny statements ({@link ExplicitDenies}).
 *
 * <p>An identity is administrator-equivalent when an Allow grants {@code *} on {@code *} and no
 * applied Deny blocks an action of any escalation path. When a Deny blocks some of them, the
 * identity is no longer reported as an administrator, and the escalation paths that stay open are
 * reported instead.
 *
 * @param identity the user or role
 * @param adminPolicies policies granting {@code *} on {@code *}; empty when the identity is not
 *     administrator-equivalent
 * @param escalations each escalation path held, as {@code name (actions via policies)}
 * @param blockedEscalations how many escalation paths an applied Deny blocks
 * @param runCommand each shell or run-command right held, as {@code action via policy}
 * @param denies what the audit made of the Deny statements, for finding details
 */
record AwsPrivileges(
    AwsIdentity identity,
    List<String> adminPolicies,
    List<String> escalations,
    int blockedEscalations,
    List<String> runCommand,
    String denies) {

  static AwsPrivileges of(AwsIdentity identity, CheckCatalog catalog) {
    IamPermissions permissions = identity.permissions();
    ExplicitDenies denies = ExplicitDenies.of(permissions, catalog.awsDenyRemovalActions());

    List<String> escalations = new ArrayList<>();
    int blocked = 0;
    for (Escalation escalation : catalog.awsEscalations()) {
      TreeSet<String> policies = new TreeSet<>();
      boolean all = true;
      for (String action : escalation.actions()) {
        if (denies.blocking(action).isPresent()) {
          blocked++;
          all = false;
          break;
        }
        Optional<String> policy =
            escalation.otherUsers()
                ? permissions.allowingPolicyOnOtherUsers(action, identity.arn())
                : permissions.allowingPolicy(action);
        if (policy.isEmpty()) {
          all = false;
          break;
        }
        policies.add(policy.get());
      }
      if (all) {
        escalations.add(
            escalation.name()
                + " ("
                + String.join(" + ", escalation.actions())
                + " via "
                + String.join(", ", policies)
                + ")");
      }
    }

    List<String> runCommand = new ArrayList<>();
    for (String action : catalog.awsRunCommandActions()) {
      denies.grantingPolicy(action).ifPresent(p -> runCommand.add(action + " via " + p));
    }
    if (identity.managedPolicies().contains("AWSCloudShellFullAccess")
        && runCommand.stream().noneMatch(r -> r.endsWith("AWSCloudShellFullAccess"))
        && denies.blocking("cloudshell:CreateSession").isEmpty()) {
      runCommand.add("AWSCloudShellFullAccess attached");
    }

    List<String> adminPolicies = blocked == 0 ? permissions.allowAllPolicies() : List.of();
    return new AwsPrivileges(
        identity,
        adminPolicies,
        List.copyOf(escalations),
        blocked,
        List.copyOf(runCommand),
        denies.describe());
  }

  boolean admin() {
    return !adminPolicies.isEmpty();
  }

  /** Tells whether the identity is privileged: administrator or able to escalate. */
  boolean privileged() {
    return admin() || !escalations.isEmpty();
  }
}
