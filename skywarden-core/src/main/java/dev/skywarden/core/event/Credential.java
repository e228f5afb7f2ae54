package dev.skywarden.core.event;

/**
 * The credential a call was signed with.
 *
 * @param id access key id, session or token id, or service account key id; {@code null} when the
 *     log has none
 * @param kind what kind of credential {@code id} names
 * @param mfaUsed {@code TRUE} or {@code FALSE} when the log states it, {@code null} when it is
 *     silent
 */
public record Credential(String id, CredentialKind kind, Boolean mfaUsed) {

  public static final Credential NONE = new Credential(null, CredentialKind.UNKNOWN, null);

  /** The kinds of credential the event model tells apart. */
  public enum CredentialKind {
    /** AWS long-term access key ({@code AKIA...}). */
    ACCESS_KEY,
    /** AWS temporary session key ({@code ASIA...}), Azure or Entra session or token. */
    SESSION,
    /** A GCP service account key. */
    SERVICE_ACCOUNT_KEY,
    /** An OAuth or bearer token. */
    TOKEN,
    /** A console or interactive password sign-in. */
    PASSWORD,
    UNKNOWN
  }
}
