package dev.skywarden.core.event;

/** The cloud whose control plane recorded an event. */
public enum CloudProvider {
  AWS,
  AZURE,
  GCP;

  /** The lower-case name, computed once: analytics reads it for every event. */
  private final String id = name().toLowerCase(java.util.Locale.ROOT);

  /** Returns the lower-case name that Sigma log sources and OCSF {@code cloud.provider} use. */
  public String id() {
    return id;
  }
}
