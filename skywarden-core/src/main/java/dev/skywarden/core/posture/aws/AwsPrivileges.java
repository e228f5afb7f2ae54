package dev.skywarden.core.posture.aws;

import dev.skywarden.core.posture.CheckCatalog;
import dev.skywarden.core.posture.CheckCatalog.Escalation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What one identity can do that matters to the checks: full administration, escalation paths and
 * shell or run-command access.
 *
 * @param identity the user or role
 * @param adminPolicies policies granting {@code *} on {@code *}
 * @param escalations each escalation path held, as {@code name (actions via policies)}
 * @param runCommand each shell or run-command right held, as {@code action via policy}
 */
record AwsPrivileges(
    AwsIdentity identity,
    List<String> adminPolicies,
    List<String> escalations,
    List<String> runCommand) {

  static AwsPrivileges of(AwsIdentity identity, CheckCatalog catalog) {
    IamPermissions permissions = identity.permissions();
    List<String> escalations = new ArrayList<>();
    for (Escalation escalation : catalog.awsEscalations()) {
      TreeSet<String> policies = new TreeSet<>();
      boolean all = true;
      for (String action : escalation.actions()) {
        Optional<String> policy = permissions.grantingPolicy(action);
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
      permissions.grantingPolicy(action).ifPresent(p -> runCommand.add(action + " via " + p));
    }
    if (identity.managedPolicies().contains("AWSCloudShellFullAccess")
        && runCommand.stream().noneMatch(r -> r.endsWith("AWSCloudShellFullAccess"))) {
      runCommand.add("AWSCloudShellFullAccess attached");
    }
    return new AwsPrivileges(
        identity, permissions.adminPolicies(), List.copyOf(escalations), List.copyOf(runCommand));
  }

  boolean admin() {
    return !adminPolicies.isEmpty();
  }

  /** Tells whether the identity is privileged: administrator or able to escalate. */
  boolean privileged() {
    return admin() || !escalations.isEmpty();
  }
}
