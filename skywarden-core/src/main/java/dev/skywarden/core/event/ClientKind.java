package dev.skywarden.core.event;

/**
 * The interpreter or program behind a call, as told by its user agent and application id.
 *
 * <p>Kinds are ordered from the most telling to the least: when several entries of the fingerprint
 * lists match one user agent, the classifier reports the first kind in this order.
 */
public enum ClientKind {
  OFFENSIVE_TOOL,
  PENTEST_DISTRIBUTION,
  CLOUD_SHELL,
  INFRASTRUCTURE_AS_CODE,
  AWS_CLI,
  AWS_POWERSHELL,
  AWS_SDK,
  AZURE_CLI,
  AZURE_POWERSHELL,
  GCLOUD,
  GOOGLE_CLIENT_LIBRARY,
  /**
   * A general-purpose HTTP library or tool driven by a script, such as python-requests, curl, Go's
   * net/http or PowerShell's {@code Invoke-WebRequest}. It comes after the cloud clients, which
   * name the program more precisely, and before {@link #BROWSER}, because PowerShell user agents
   * start with {@code Mozilla/}.
   */
  SCRIPTED_HTTP,
  WEB_CONSOLE,
  CLOUD_SERVICE,
  BROWSER,
  UNKNOWN
}
