package dev.skywarden.core.posture.gcp;

import java.util.regex.Pattern;

/**
 * One member of one role binding of an IAM policy.
 *
 * @param scope the project id, or the resource name when the policy is not a project's
 * @param role the role, such as {@code roles/owner}
 * @param member the member as written, such as {@code user:alice@example.com}
 * @param condition the condition expression, or {@code null}
 * @param source the export file
 */
record GcpBinding(String scope, String role, String member, String condition, String source) {

  /** Returns the member kind: {@code user}, {@code group}, {@code serviceAccount}, ... */
  String memberType() {
    int colon = member.indexOf(':');
    return colon > 0 ? member.substring(0, colon) : member;
  }

  /** Returns the part after the kind: an e-mail or a domain; the member itself when no kind. */
  String memberName() {
    int colon = member.indexOf(':');
    return colon > 0 ? member.substring(colon + 1) : member;
  }

  /**
   * Returns the e-mail or member domain in lower case, or {@code null}. The {@code ?uid=...} suffix
   * of a deleted member ({@code deleted:user:x@example.com?uid=123}) is not part of the domain.
   */
  String domain() {
    String name = memberName().toLowerCase(java.util.Locale.ROOT);
    int query = name.indexOf('?');
    if (query >= 0) {
      name = name.substring(0, query);
    }
    if (memberType().equals("domain")) {
      return name;
    }
    int at = name.indexOf('@');
    return at >= 0 ? name.substring(at + 1) : null;
  }

  /** Tells whether the member is a person or a group of people. */
  boolean human() {
    return memberType().equals("user") || memberType().equals("group");
  }

  /**
   * Tells whether the binding expires through an upper bound on {@code request.time} ({@code
   * request.time <} or {@code <=} a time, or the same written the other way round). A lower bound
   * or another use of {@code request.time}, such as office hours, is no expiry. Neither is an upper
   * bound in a condition with {@code ||} or a logical {@code !}, because the other branch or the
   * negation can grant the role after the time.
   *
   * <p>NOTE: the condition is matched as text, not parsed as CEL, so {@code ||} or {@code !} inside
   * a string literal also makes the binding count as standing.
   */
  boolean timeBound() {
    return condition != null
        && EXPIRY.matcher(condition).find()
        && !BYPASS.matcher(condition).find();
  }

  private static final Pattern EXPIRY =
      Pattern.compile("request\\.time\\s*<|>=?\\s*request\\.time");

  /** A disjunction or a logical negation (not the {@code !=} operator). */
  private static final Pattern BYPASS = Pattern.compile("\\|\\||!(?!=)");
}
