package dev.skywarden.core.event;

/** The cloud whose control plane recorded an event. */
public enum CloudProvider {
  AWS,
  AZURE,
  GCP;

  /** Returns the lower-case name that Sigma log sources and OCSF {@code cloud.provider} use. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
