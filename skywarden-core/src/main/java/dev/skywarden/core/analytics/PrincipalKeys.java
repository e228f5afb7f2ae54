package dev.skywarden.core.analytics;

import dev.skywarden.core.event.Actor;
import dev.skywarden.core.event.CloudEvent;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The principal profile key of each event: the principal's display name (ARN, UPN, service account
 * e-mail), except for an AWS role session with a generated name ({@link SessionNames}), whose key
 * is its role. So every CI run, instance and SDK session of one role shares one profile, and the
 * profiles grow with identities, not with runs.
 *
 * <p>The role is the session issuer ARN of the event's actor without its path, or, without an
 * issuer, the role ARN built from the assumed-role ARN ({@link PeerGroups#role}), the same name the
 * role's peer group has.
 *
 * <p>NOTE: a role's profile has the per-kind value cap of any profile ({@link
 * AnalyticsLimits#maxValuesPerKind()}). A CI role whose runners come from more networks than that
 * over the input keeps the smallest values only, so a new network past the cap is not reported.
 *
 * <p>Azure and GCP principals keep their display names: their normalised events name a service
 * principal, managed identity or service account by a stable id or e-mail, not by a name made per
 * run.
 *
 * <p>Thread-safe: the keys of recent display names are kept in a concurrent map that is emptied
 * when it reaches {@link #MAX_CACHED}, so the classification runs once per session, not per event.
 */
public final class PrincipalKeys {

  /**
   * Display names whose key is kept. Per-run names keep coming, so the map is emptied when full
   * rather than frozen, and it costs at most this many entries of about 200 bytes.
   */
  static final int MAX_CACHED = 4_096;

  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  /**
   * A display name's key and the session issuer it was derived from. The issuer is compared on
   * every hit, so an event whose issuer differs from the cached one gets its own key, whatever the
   * order of events.
   */
  private record Cached(String issuer, ProfileKey key) {}

  /** Returns the key of the principal profile that {@code event} adds to. */
  ProfileKey of(CloudEvent event) {
    Actor actor = event.actor();
    String name = actor.displayName();
    Cached cached = cache.get(name);
    if (cached != null
        && cached.key().provider() == event.provider()
        && Objects.equals(cached.issuer(), actor.sessionIssuer())) {
      return cached.key();
    }
    ProfileKey key =
        new ProfileKey(ProfileKey.Scope.PRINCIPAL, event.provider(), profileName(actor));
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    cache.put(name, new Cached(actor.sessionIssuer(), key));
    return key;
  }

  /**
   * Returns the name a principal is profiled by, and its findings grouped by: its role for an AWS
   * role session with a generated name, else its display name.
   *
   * <p>Stateless and thread-safe; it classifies the name on every call, so callers on the event
   * path cache the result per display name.
   */
  public static String profileName(Actor actor) {
    String name = actor.displayName();
    if (SessionNames.generated(name) == null) {
      return name;
    }
    String role = PeerGroups.role(actor);
    return role != null ? role : name;
  }
}
