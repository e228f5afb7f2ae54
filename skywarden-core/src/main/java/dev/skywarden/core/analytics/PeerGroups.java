package dev.skywarden.core.analytics;

import dev.skywarden.core.event.Actor;
import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.CloudEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peer groups of an identity, most specific first: the role it is a session of (the session
 * issuer, or the role of an {@code assumed-role} ARN), then its identity type in its account. An
 * identity without history of its own is compared with the first of its groups that has members
 * with history.
 */
final class PeerGroups {

  private static final Pattern ASSUMED_ROLE =
      Pattern.compile("arn:(aws[a-z-]*):sts::([0-9]{12}):assumed-role/([^/]+)/.*");

  private PeerGroups() {}

  /** Returns the peer group names of the identity behind {@code event}, most specific first. */
  static List<String> of(CloudEvent event) {
    Actor actor = event.actor();
    List<String> groups = new ArrayList<>(2);
    String role = role(actor);
    if (role != null) {
      groups.add("role " + role);
    }
    String account = actor.accountId() != null ? actor.accountId() : event.account();
    if (actor.type() != ActorType.UNKNOWN && account != null) {
      groups.add(
          "type " + actor.type().name() + " in " + event.provider().id() + " account " + account);
    }
    return groups;
  }

  /**
   * Returns the role ARN an identity is a session of, or null. It depends only on the session
   * issuer and the display name, the fields that caches of principals and findings compare.
   */
  static String role(Actor actor) {
    if (actor.sessionIssuer() != null && !actor.sessionIssuer().isEmpty()) {
      return withoutPath(actor.sessionIssuer());
    }
    Matcher matcher = ASSUMED_ROLE.matcher(actor.displayName());
    if (!matcher.matches()) {
      return null;
    }
    return "arn:" + matcher.group(1) + ":iam::" + matcher.group(2) + ":role/" + matcher.group(3);
  }

  /**
   * Returns a role ARN without its path, {@code arn:aws:iam::1:role/ci/deploy} as {@code
   * arn:aws:iam::1:role/deploy}, so that the issuer and an assumed-role ARN, which has no path,
   * name a role alike. A role name is unique in its account whatever its path. Other ARNs are
   * returned as they are.
   */
  static String withoutPath(String arn) {
    int role = arn.indexOf(":role/");
    int last = arn.lastIndexOf('/');
    if (role < 0 || last == role + ":role".length()) {
      return arn;
    }
    return arn.substring(0, role + ":role/".length()) + arn.substring(last + 1);
  }
}
