package dev.skywarden.core.posture;

import java.util.Comparator;
import java.util.Objects;

/**
 * The result of one check for one resource (a failure) or one scope (a pass, or not evaluated).
 *
 * @param check the check
 * @param status pass, fail or not evaluated
 * @param scope the account, subscription or project; {@code null} when the export does not name it
 * @param resource the identity or object the result is about: an ARN, an object id, a GCP member, a
 *     key name; for a pass, the scope
 * @param resourceType such as {@code user}, {@code role}, {@code roleAssignment}, {@code account}
 * @param detail why, in one sentence, naming the offending permissions, members or dates
 * @param source the export file the result comes from
 */
public record CheckResult(
    CheckDefinition check,
    CheckStatus status,
    String scope,
    String resource,
    String resourceType,
    String detail,
    String source) {

  /** Failures first, then check id, scope, resource and detail, so output order is stable. */
  public static final Comparator<CheckResult> ORDER =
      Comparator.comparing(CheckResult::status, Comparator.reverseOrder())
          .thenComparing(result -> result.check().id())
          .thenComparing(result -> Objects.toString(result.scope(), ""))
          .thenComparing(result -> Objects.toString(result.resource(), ""))
          .thenComparing(result -> Objects.toString(result.detail(), ""));

  public CheckResult {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(resource, "resource");
  }
}
