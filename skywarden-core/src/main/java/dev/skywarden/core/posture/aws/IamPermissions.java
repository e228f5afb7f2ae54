package dev.skywarden.core.posture.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The identity-based policy statements of one IAM user or role: every statement of its inline
 * policies, attached managed policies and, for a user, its groups' policies.
 *
 * <p>This class reports what the statements grant and deny, and {@link ExplicitDenies} decides
 * whether Deny statements apply. NOTE: conditions on Allow are not evaluated (a conditional grant
 * counts as a grant), and permission boundaries, SCPs and resource policies are not considered, so
 * the result can overstate what the identity may do. Immutable.
 */
final class IamPermissions {

  private final List<IamStatement> statements;

  IamPermissions(List<IamStatement> statements) {
    this.statements = List.copyOf(statements);
  }

  /**
   * Returns the policy of the first Allow statement that covers the action on a resource the
   * identity could abuse, ignoring every Deny.
   */
  Optional<String> allowingPolicy(String action) {
    for (IamStatement statement : statements) {
      if (statement.allow() && statement.exploitableResource() && statement.coversAction(action)) {
        return Optional.of(statement.policy());
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the policy of the first Allow statement that covers the action on a user other than the
   * caller, ignoring every Deny and statements limited to the caller's own user.
   *
   * @param callerArn the ARN of the identity whose statements these are
   */
  Optional<String> allowingPolicyOnOtherUsers(String action, String callerArn) {
    for (IamStatement statement : statements) {
      if (statement.allow()
          && statement.exploitableResource()
          && !statement.onlyCallerUser(callerArn)
          && statement.coversAction(action)) {
        return Optional.of(statement.policy());
      }
    }
    return Optional.empty();
  }

  /** Returns the first Deny statement that surely blocks the action, or empty. */
  Optional<IamStatement> denyingStatement(String action) {
    for (IamStatement statement : statements) {
      if (statement.deniesEverywhere(action)) {
        return Optional.of(statement);
      }
    }
    return Optional.empty();
  }

  /** Returns the Deny statements in policy order. */
  List<IamStatement> denies() {
    List<IamStatement> denies = new ArrayList<>();
    for (IamStatement statement : statements) {
      if (!statement.allow()) {
        denies.add(statement);
      }
    }
    return denies;
  }

  /** Returns the policies with {@code Action: *} on {@code Resource: *}, ignoring every Deny. */
  List<String> allowAllPolicies() {
    TreeSet<String> policies = new TreeSet<>();
    for (IamStatement statement : statements) {
      if (statement.allow() && statement.allActions() && statement.allResources()) {
        policies.add(statement.policy());
      }
    }
    return new ArrayList<>(policies);
  }
}
