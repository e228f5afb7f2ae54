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
  WEB_CONSOLE,
  CLOUD_SERVICE,
  BROWSER,
  UNKNOWN
}
