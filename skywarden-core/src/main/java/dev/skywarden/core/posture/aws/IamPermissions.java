package dev.skywarden.core.posture.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The effective identity-based permissions of one IAM user or role: every statement of its inline
 * policies, attached managed policies and, for a user, its groups' policies.
 *
 * <p>Evaluation: an action is granted when an {@code Allow} statement covers it on an exploitable
 * resource and no unconditional {@code Deny} on {@code *} covers it. NOTE: conditions on Allow are
 * not evaluated (a conditional grant counts as a grant), and permission boundaries, SCPs and
 * resource policies are not considered, so the result can overstate what the identity may do.
 */
final class IamPermissions {

  private final List<IamStatement> statements;

  IamPermissions(List<IamStatement> statements) {
    this.statements = List.copyOf(statements);
  }

  /** Returns the policy that grants the action, or empty when none does or a Deny removes it. */
  Optional<String> grantingPolicy(String action) {
    for (IamStatement statement : statements) {
      if (!statement.allow()
          && statement.allResources()
          && !statement.conditional()
          && statement.coversAction(action)) {
        return Optional.empty();
      }
    }
    for (IamStatement statement : statements) {
      if (statement.allow() && statement.exploitableResource() && statement.coversAction(action)) {
        return Optional.of(statement.policy());
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the policies with {@code Action: *} on {@code Resource: *}, empty when none or when an
   * unconditional Deny of everything cancels them.
   */
  List<String> adminPolicies() {
    for (IamStatement statement : statements) {
      if (!statement.allow()
          && statement.allResources()
          && !statement.conditional()
          && statement.allActions()) {
        return List.of();
      }
    }
    TreeSet<String> policies = new TreeSet<>();
    for (IamStatement statement : statements) {
      if (statement.allow() && statement.allActions() && statement.allResources()) {
        policies.add(statement.policy());
      }
    }
    return new ArrayList<>(policies);
  }
}
