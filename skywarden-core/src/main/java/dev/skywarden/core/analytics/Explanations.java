package dev.skywarden.core.analytics;

import dev.skywarden.core.finding.Behaviour;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Builds the one-sentence explanations of behavioural findings. */
final class Explanations {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Explanations() {}

  /**
   * Returns a sentence such as {@code operation iam.amazonaws.com CreateAccessKey (persistence,
   * weight 9) was used for the first time by principal arn:...:user/alice, compared with its own
   * history (saved state and training window 2025-03-01 00:00 to 2025-03-02 00:00 UTC: 1234 events,
   * first seen ..., last seen ...)}.
   *
   * <p>An identity without history ({@link Baselines#NO_HISTORY}) gets {@code ..., with no history
   * to compare with (...)} in place of the comparison.
   *
   * <p>When the profile is the role's of sessions with generated names ({@link PrincipalKeys}), the
   * sentence names the session and then the role: {@code ... by principal
   * arn:aws:sts::111122223333:assumed-role/deploy/GitHubActions-9876543210, a session whose name is
   * generated (a run of 6 or more digits) and so profiled as its role
   * arn:aws:iam::111122223333:role/deploy, compared with the role's history (...)}.
   *
   * @param what what was new or unusual, ending with the word that leads to the identity, such as
   *     {@code operation X (persistence, weight 9) was used for the first time by}
   * @param principal the display name of the principal of the event the finding is reported on
   * @param note an addition such as {@code at 03 UTC, an hour it was never active before}, or empty
   */
  static String sentence(String what, Behaviour behaviour, String principal, String note) {
    StringBuilder text = new StringBuilder(what);
    SessionNames.Generated generated =
        behaviour.subject().equals(ProfileKey.Scope.PRINCIPAL.label())
                && !behaviour.identity().equals(principal)
            ? SessionNames.generated(principal)
            : null;
    boolean asRole = generated != null;
    if (asRole) {
      text.append(" principal ")
          .append(principal)
          .append(", a session whose name is generated (")
          .append(generated.description())
          .append(") and so profiled as its role ")
          .append(behaviour.identity());
    } else {
      text.append(' ').append(behaviour.subject()).append(' ').append(behaviour.identity());
    }
    if (!note.isEmpty()) {
      text.append(' ').append(note);
    }
    if (behaviour.history().equals(Baselines.NO_HISTORY)) {
      return text.append(
              ", with no history to compare with (no saved state, no events in the training"
                  + " window, and no person, role or peer group with history)")
          .toString();
    }
    text.append(", compared with ");
    String level = behaviour.historyLevel();
    boolean peerLevel =
        behaviour.peerGroup() != null && level.equals(HistoryLevel.PEER_GROUP.label());
    if (asRole && !peerLevel) {
      // The role's profile is also a member of the role's group, so one text fits both levels.
      text.append("the role's history (");
    } else if (level.equals(HistoryLevel.PERSON.label())) {
      text.append("its own history joined with its person's other identities (");
    } else if (level.equals(HistoryLevel.ROLE.label())) {
      text.append("its own history joined with its role's other sessions (");
    } else if (!peerLevel) {
      text.append("its own history (");
    } else {
      text.append("its peer group ")
          .append(behaviour.peerGroup())
          .append(" (")
          .append(peers(behaviour.peerCount()))
          .append(" with history, because it has none of its own; ");
    }
    text.append(history(behaviour.history())).append(')');
    if (behaviour.peerGroup() != null && !peerLevel) {
      text.append(" and with its peer group ")
          .append(behaviour.peerGroup())
          .append(" (")
          .append(peers(behaviour.peerCount()))
          .append("), because that history is thin");
    }
    return text.toString();
  }

  private static String peers(int count) {
    return count + (count == 1 ? " identity" : " identities");
  }

  /** Returns text such as {@code training window 2025-03-01 00:00 to 2025-03-02 00:00 UTC: ...}. */
  static String history(Behaviour.History history) {
    return history.source()
        + " "
        + time(history.windowStart())
        + " to "
        + time(history.windowEnd())
        + " UTC: "
        + history.events()
        + (history.events() == 1 ? " event" : " events")
        + ", first seen "
        + time(history.firstSeen())
        + ", last seen "
        + time(history.lastSeen());
  }

  static String time(Instant time) {
    return time == null ? "never" : TIME.format(time);
  }
}
