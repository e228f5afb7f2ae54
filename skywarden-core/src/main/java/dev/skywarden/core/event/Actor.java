package dev.skywarden.core.event;

/**
 * The identity behind a call.
 *
 * @param type the kind of identity
 * @param principalId the provider's stable id (AWS principalId, Entra object id, GCP principal
 *     subject), or {@code null}
 * @param name a readable name: ARN, UPN or e-mail; {@code null} when the log has none
 * @param accountId the account, subscription, tenant or project that owns the identity, or {@code
 *     null}
 * @param sessionIssuer the role or identity that issued the session (AWS session issuer ARN, GCP
 *     delegation chain first entry), or {@code null}
 * @param applicationId the client application id (Entra appId, OAuth client id), or {@code null}
 */
public record Actor(
    ActorType type,
    String principalId,
    String name,
    String accountId,
    String sessionIssuer,
    String applicationId) {

  public static final Actor UNKNOWN = new Actor(ActorType.UNKNOWN, null, null, null, null, null);

  /**
   * Returns the best name to show and group by: the name, else the principal id, else "unknown".
   */
  public String displayName() {
    if (name != null && !name.isEmpty()) {
      return name;
    }
    return principalId != null && !principalId.isEmpty() ? principalId : "unknown";
  }
}
