package dev.skywarden.core.event;

/** The kind of network a source address belongs to, according to the loaded network intel. */
public enum NetworkKind {
  /** A published range of a cloud provider (AWS, Google Cloud, Azure, Oracle Cloud). */
  CLOUD_PROVIDER,
  /** A hosting or VPS provider (DigitalOcean, Linode and others), or a hosting network. */
  HOSTING,
  /** A Tor exit relay. */
  TOR,
  /** A public address that no loaded range or list places in a provider. */
  OTHER,
  /** A private, loopback, link-local or shared (carrier-grade NAT) address. */
  PRIVATE,
  /** No address to look up: the source is a name, missing or not a valid IP literal. */
  UNKNOWN
}
