package dev.skywarden.core.analytics;

import dev.skywarden.core.incident.IdentityLinks;
import java.util.regex.Pattern;

/**
 * Classifies the session names of AWS role sessions as generated (per CI run, per machine, per SDK
 * call) or chosen (a person's name, e-mail address or a fixed name of a workload).
 *
 * <p>A session of a role with a generated name is profiled as its role ({@link PrincipalKeys}):
 * every CI run or SDK session would otherwise be a principal of its own, without history, and the
 * number of principals would grow with time instead of with identities.
 *
 * <p>A name is person-like, and never generated, when it is an e-mail address (SAML and IAM
 * Identity Center sessions), when its role is an IAM Identity Center role ({@code
 * AWSReservedSSO_...}, whose sessions are named after the user), or when it has no digit. Every
 * pattern of {@link Generated} needs at least one digit, so a plain name such as {@code deploy} or
 * {@code alice} keeps its own profile.
 *
 * <p>NOTE: a person who assumes a role outside Identity Center under a name with 6 or more digits,
 * such as an employee number ({@code e1234567}), is taken for a generated name and profiled with
 * the role's other sessions of generated names.
 *
 * <p>Stateless and thread-safe.
 */
final class SessionNames {

  /** The role name prefix of IAM Identity Center permission sets. */
  static final String IDENTITY_CENTER_ROLE_PREFIX = "AWSReservedSSO_";

  private static final String ASSUMED_ROLE = ":assumed-role/";

  private SessionNames() {}

  /**
   * The patterns of generated session names, tried in this order; the first that matches names the
   * reason in explanations.
   */
  enum Generated {
    /**
     * Default names of the AWS SDKs when the caller sets none: a fixed prefix and the time. Seen in
     * the SDK sources: botocore {@code botocore-session-<epoch seconds>}, the Go SDK {@code
     * aws-go-sdk-<Unix nanoseconds>}, the Java SDK's web identity and profile providers {@code
     * aws-sdk-java-<epoch milliseconds>}, and the JavaScript SDK's profile provider {@code
     * aws-sdk-js-<epoch milliseconds>}. Listed apart from {@link #DIGITS} so the explanation names
     * the SDK default, and so a shorter number still counts.
     */
    SDK_DEFAULT(
        "an AWS SDK's default name",
        "(?:botocore-session|aws-go-sdk|aws-sdk-java|aws-sdk-js)-\\d+",
        true),

    /**
     * An EC2 instance id, 8 or 17 lower-case hex digits after {@code i-}: the instance metadata
     * service names an instance profile's session after the instance, so every instance (and every
     * replaced instance of an auto scaling group) is a new session.
     */
    INSTANCE_ID("an EC2 instance id", "i-(?:[0-9a-f]{8}|[0-9a-f]{17})", true),

    /**
     * A UUID anywhere in the name, as services and tools add per job or per task, such as {@code
     * AWSCodeBuild-<build UUID>}.
     */
    UUID(
        "a UUID",
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
        false),

    /**
     * A run of 6 or more digits: CI run and build numbers ({@code GitHubActions-<run id>}), Unix
     * times and dates that tools append to make a name unique. Shorter numbers are left out,
     * because fixed names such as {@code backup-2024} or {@code etl-v2} carry them too.
     */
    DIGITS("a run of 6 or more digits", "\\d{6,}", false),

    /**
     * A hex string of 16 or more characters, such as a task or job id of 32 hex digits, or a random
     * token that a tool appends.
     */
    HEX("a hex string of 16 or more characters", "[0-9a-fA-F]{16,}", false);

    private final String description;
    private final Pattern pattern;
    private final boolean whole;

    Generated(String description, String regex, boolean whole) {
      this.description = description;
      this.pattern = Pattern.compile(regex);
      this.whole = whole;
    }

    /** Returns the pattern in words, such as {@code a run of 6 or more digits}. */
    String description() {
      return description;
    }

    /** Returns whether a session name matches: the whole name, or a part of it for some. */
    boolean matches(String sessionName) {
      return whole ? pattern.matcher(sessionName).matches() : pattern.matcher(sessionName).find();
    }
  }

  /**
   * Returns the pattern that makes the session name of an assumed-role ARN generated, or null when
   * the principal is not an assumed-role session or its name is person-like or matches no pattern.
   *
   * @param principal a principal's display name, such as {@code
   *     arn:aws:sts::111122223333:assumed-role/deploy/GitHubActions-9876543210}
   */
  static Generated generated(String principal) {
    if (principal == null || !principal.startsWith("arn:aws")) {
      return null;
    }
    int marker = principal.indexOf(ASSUMED_ROLE);
    int slash = principal.lastIndexOf('/');
    int roleStart = marker + ASSUMED_ROLE.length();
    if (marker < 0 || slash < roleStart) {
      return null;
    }
    if (principal.startsWith(IDENTITY_CENTER_ROLE_PREFIX, roleStart)) {
      return null;
    }
    return generatedName(principal.substring(slash + 1));
  }

  /**
   * Returns the pattern that makes a session name generated, or null when it is person-like (an
   * e-mail address, no digit at all) or matches no pattern.
   */
  static Generated generatedName(String sessionName) {
    if (!hasDigit(sessionName) || IdentityLinks.personOf(sessionName) != null) {
      return null;
    }
    for (Generated candidate : Generated.values()) {
      if (candidate.matches(sessionName)) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean hasDigit(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }
}
