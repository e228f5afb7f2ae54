package dev.skywarden.core.analytics;

import dev.skywarden.core.incident.IdentityLinks;
import java.util.List;
import java.util.Locale;

/**
 * The level of history a behavioural finding judged an identity against.
 *
 * <p>A principal is judged against its own history joined with the history of the group it belongs
 * to, because a principal often stands for one use of a longer-lived identity:
 *
 * <ul>
 *   <li>{@link #PERSON}: the identities of one person, linked by the e-mail address or UPN in their
 *       names ({@link IdentityLinks}, as attack sequences link them). IAM Identity Center gives a
 *       person one role session per account and permission set, so each one alone has a thin
 *       history, while the person's network, clients and operations are the same.
 *   <li>{@link #ROLE}: the sessions of one role that no person holds. Sessions with generated
 *       names, such as CI runs ({@code GitHubActions-<run id>}) or instances of one instance
 *       profile, share one profile, the role's ({@link PrincipalKeys}), which is a member of the
 *       group too. Sessions with chosen names, such as {@code nightly-backup}, keep their own
 *       profiles and join the role's history here.
 * </ul>
 *
 * <p>A value is new only when neither the principal's own history nor its group's contains it.
 */
enum HistoryLevel {
  /** The credential's own history (access key, session). */
  CREDENTIAL,
  /** The principal's own history: saved state and training window. */
  PRINCIPAL,
  /** The principal's history joined with the history of the other sessions of its role. */
  ROLE,
  /** The principal's history joined with the history of the person's other identities. */
  PERSON,
  /** A peer group, because the identity has too little history of its own or of its group. */
  PEER_GROUP;

  /** Returns the lower-case name used in explanations and output, such as {@code peer group}. */
  String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /**
   * Returns the group whose history joins a principal's own: {@code person <e-mail>} for a person's
   * identity, {@code role <ARN>} for a session of a role no person holds, or null for neither.
   *
   * @param principal the principal's display name
   * @param peerGroups its peer groups from {@link PeerGroups#of}, most specific first
   */
  static String groupOf(String principal, List<String> peerGroups) {
    String person = IdentityLinks.personOf(principal);
    if (person != null) {
      return PERSON_PREFIX + person;
    }
    for (String group : peerGroups) {
      if (group.startsWith(ROLE_PREFIX)) {
        return group;
      }
    }
    return null;
  }

  /** Returns the level of a group name from {@link #groupOf}. */
  static HistoryLevel ofGroup(String group) {
    return group.startsWith(PERSON_PREFIX) ? PERSON : ROLE;
  }

  static final String PERSON_PREFIX = "person ";

  /** The prefix of role peer groups; see {@link PeerGroups#of}. */
  static final String ROLE_PREFIX = "role ";
}
