package dev.skywarden.core.posture.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The explicit Deny statements of one identity and whether they cancel its grants.
 *
 * <p>Evaluation is conservative, so a Deny never hides a risk it might not block:
 *
 * <ul>
 *   <li>A Deny cancels a grant only without a {@code Condition}, on {@code Resource: *} and without
 *       {@code NotResource}. Conditions are not evaluated, so a conditional Deny cancels nothing.
 *   <li>{@code Action} and {@code NotAction} patterns with {@code *} and {@code ?} are matched.
 *   <li>No Deny applies when the identity may itself delete or detach policies or leave a group
 *       (the {@code aws_deny_removal_actions} of the check data), because it could then remove the
 *       Deny before acting.
 * </ul>
 *
 * Immutable.
 */
final class ExplicitDenies {

  private final IamPermissions permissions;
  private final String removableWith;

  private ExplicitDenies(IamPermissions permissions, String removableWith) {
    this.permissions = permissions;
    this.removableWith = removableWith;
  }

  /**
   * Evaluates the Deny statements of an identity.
   *
   * @param removalActions the IAM actions that let an identity remove a Deny from itself
   */
  static ExplicitDenies of(IamPermissions permissions, List<String> removalActions) {
    if (permissions.denies().isEmpty()) {
      return new ExplicitDenies(permissions, null);
    }
    for (String action : removalActions) {
      Optional<String> policy = permissions.allowingPolicy(action);
      if (policy.isPresent() && permissions.denyingStatement(action).isEmpty()) {
        return new ExplicitDenies(permissions, action + " via " + policy.get());
      }
    }
    return new ExplicitDenies(permissions, null);
  }

  /** Returns the Deny statement that blocks the action, or empty when none applies. */
  Optional<IamStatement> blocking(String action) {
    return removableWith != null ? Optional.empty() : permissions.denyingStatement(action);
  }

  /** Returns the policy that grants the action, or empty when none does or a Deny blocks it. */
  Optional<String> grantingPolicy(String action) {
    return blocking(action).isPresent() ? Optional.empty() : permissions.allowingPolicy(action);
  }

  /**
   * Returns what the audit made of the Deny statements, for the detail of a finding: those applied,
   * those not applied and why, and that conditions are not evaluated.
   */
  String describe() {
    List<IamStatement> denies = permissions.denies();
    if (denies.isEmpty()) {
      return "no Deny statements";
    }
    if (removableWith != null) {
      return denies.size() == 1
          ? "1 Deny statement not applied because the identity can remove it ("
              + removableWith
              + ")"
          : denies.size()
              + " Deny statements not applied because the identity can remove them ("
              + removableWith
              + ")";
    }

    TreeSet<String> applied = new TreeSet<>();
    int conditional = 0;
    int narrow = 0;
    for (IamStatement deny : denies) {
      if (deny.conditional()) {
        conditional++;
      } else if (deny.notResource() || !deny.allResources()) {
        narrow++;
      } else {
        applied.add(deny.describeActions() + " (" + deny.policy() + ")");
      }
    }

    List<String> parts = new ArrayList<>();
    if (!applied.isEmpty()) {
      parts.add("Deny applied: " + String.join("; ", applied));
    }
    if (conditional > 0) {
      parts.add(conditional + " conditional Deny not applied (conditions are not evaluated)");
    }
    if (narrow > 0) {
      parts.add(narrow + " Deny on specific resources not applied");
    }
    return String.join("; ", parts);
  }
}
