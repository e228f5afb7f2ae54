package dev.skywarden.core.posture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects the results and identity facts of one audit. Checks report each failure with {@link
 * #fail}, each scope they examined with {@link #evaluated}, and each resource they could not
 * classify with {@link #undecided}. A scope examined without a failure or an undecided resource
 * becomes one pass result; undecided resources become one not-evaluated result per scope, beside
 * any failures. Not thread-safe.
 */
public final class AuditResults {

  private final AuditContext context;
  private final List<CheckResult> failures = new ArrayList<>();
  private final Map<String, Examined> examined = new LinkedHashMap<>();
  private final Map<String, CheckResult> notEvaluated = new LinkedHashMap<>();
  private final Map<String, IdentityFacts> identities = new LinkedHashMap<>();
  private final Map<String, Undecided> undecided = new LinkedHashMap<>();
  private final List<String> afterAsOf = new ArrayList<>();

  /** The resources of one scope that a check could not classify, for one reason. */
  private static final class Undecided {
    final String checkId;
    final String scope;
    final String reason;
    final String source;
    final Set<String> resources = new TreeSet<>();

    Undecided(String checkId, String scope, String reason, String source) {
      this.checkId = checkId;
      this.scope = scope;
      this.reason = reason;
      this.source = source;
    }
  }

  /** The count of resources a check examined in one scope, and the file they came from. */
  private static final class Examined {
    final String checkId;
    final String scope;
    final String source;
    long count;

    Examined(String checkId, String scope, String source) {
      this.checkId = checkId;
      this.scope = scope;
      this.source = source;
    }
  }

  AuditResults(AuditContext context) {
    this.context = context;
  }

  /** Returns the context of the audit. */
  public AuditContext context() {
    return context;
  }

  /** Records a failure of a check for one resource. */
  public void fail(
      String checkId,
      String scope,
      String resource,
      String resourceType,
      String detail,
      String source) {
    failures.add(
        new CheckResult(
            context.catalog().check(checkId),
            CheckStatus.FAIL,
            scope,
            resource,
            resourceType,
            detail,
            source));
    evaluated(checkId, scope, source);
  }

  /** Records that a check examined one more resource of a scope. */
  public void evaluated(String checkId, String scope, String source) {
    context.catalog().check(checkId);
    examined.computeIfAbsent(key(checkId, scope), k -> new Examined(checkId, scope, source))
        .count++;
  }

  /**
   * Records a resource of a scope that a check examined but could not classify, such as a member
   * whose domain only the configuration could place inside or outside the organisation. The scope
   * then gets a not-evaluated result naming the resources and the reason instead of a pass. Only
   * the first reason given for a check and scope is kept.
   */
  public void undecided(
      String checkId, String scope, String resource, String reason, String source) {
    context.catalog().check(checkId);
    undecided
        .computeIfAbsent(key(checkId, scope), k -> new Undecided(checkId, scope, reason, source))
        .resources
        .add(resource);
  }

  /**
   * Records that a check could not run for a scope, with the reason; ignored once the check ran for
   * that scope.
   */
  public void notEvaluated(String checkId, String scope, String reason, String source) {
    notEvaluated.putIfAbsent(
        key(checkId, scope),
        new CheckResult(
            context.catalog().check(checkId),
            CheckStatus.NOT_EVALUATED,
            scope,
            scope == null ? "(no scope)" : scope,
            "scope",
            reason,
            source));
  }

  /**
   * Returns the age of a credential time in whole days at the as-of time. A time after the as-of
   * time, which means that the export is newer than {@code --as-of}, counts as 0 days and is listed
   * in {@link #warnings()}, because a negative age means nothing to an auditor.
   *
   * @param resource the credential or identity the time belongs to, for the warning
   */
  public long ageDays(Instant time, String resource) {
    long days = context.daysSince(time);
    if (time.isAfter(context.asOf())) {
      afterAsOf.add(resource + " " + time);
      return 0;
    }
    return days;
  }

  /** Returns the warnings of the audit: credential times after the as-of time. */
  List<String> warnings() {
    if (afterAsOf.isEmpty()) {
      return List.of();
    }
    List<String> distinct = new ArrayList<>(new TreeSet<>(afterAsOf));
    return List.of(
        distinct.size()
            + (distinct.size() == 1 ? " credential time is" : " credential times are")
            + " after the as-of time "
            + context.asOf()
            + ", so the exports are newer than it and those ages count as 0 days (first: "
            + distinct.get(0)
            + "); give an --as-of at or after the time of the exports");
  }

  /** Returns the facts of an identity, creating them on first use. */
  public IdentityFacts identity(String provider, String principal, String type) {
    return identities.computeIfAbsent(
        provider + "|" + principal.toLowerCase(Locale.ROOT),
        k -> new IdentityFacts(provider, principal, type));
  }

  /** Returns the identity facts collected so far. */
  List<IdentityFacts> identities() {
    return List.copyOf(identities.values());
  }

  /** Returns the failures, one pass per examined scope without failure, and the checks not run. */
  List<CheckResult> results() {
    List<CheckResult> results = new ArrayList<>(failures);
    Set<String> failed = new HashSet<>();
    for (CheckResult failure : failures) {
      failed.add(key(failure.check().id(), failure.scope()));
      IdentityFacts facts =
          identities.get(
              failure.check().provider() + "|" + failure.resource().toLowerCase(Locale.ROOT));
      if (facts != null) {
        facts.failed(failure.check().id());
      }
    }
    for (Map.Entry<String, Examined> entry : examined.entrySet()) {
      Examined scope = entry.getValue();
      if (!failed.contains(entry.getKey()) && !undecided.containsKey(entry.getKey())) {
        results.add(
            new CheckResult(
                context.catalog().check(scope.checkId),
                CheckStatus.PASS,
                scope.scope,
                scope.scope == null ? "(no scope)" : scope.scope,
                "scope",
                scope.count + (scope.count == 1 ? " resource" : " resources") + " evaluated",
                scope.source));
      }
    }
    undecided.values().forEach(scope -> results.add(undecidedResult(scope)));
    notEvaluated.forEach(
        (key, result) -> {
          if (!examined.containsKey(key) && !undecided.containsKey(key)) {
            results.add(result);
          }
        });
    results.sort(CheckResult.ORDER);
    return results;
  }

  private CheckResult undecidedResult(Undecided scope) {
    List<String> names = new ArrayList<>(scope.resources);
    int listedCount = Math.min(names.size(), 5);
    String listed =
        String.join(", ", names.subList(0, listedCount))
            + (names.size() > listedCount ? " and " + (names.size() - listedCount) + " more" : "");
    return new CheckResult(
        context.catalog().check(scope.checkId),
        CheckStatus.NOT_EVALUATED,
        scope.scope,
        scope.scope == null ? "(no scope)" : scope.scope,
        "scope",
        names.size()
            + (names.size() == 1 ? " resource" : " resources")
            + " not evaluated ("
            + scope.reason
            + "): "
            + listed,
        scope.source);
  }

  private static String key(String checkId, String scope) {
    return checkId + "|" + Objects.toString(scope, "").toLowerCase(Locale.ROOT);
  }
}
