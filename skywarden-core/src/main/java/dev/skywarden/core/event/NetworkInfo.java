package dev.skywarden.core.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The network facts about one source address that the loaded network intel contains.
 *
 * <p>Every field but {@code kind} is {@code null} when unknown. Instances are immutable.
 *
 * @param kind the network kind; for an address that is both a Tor exit and in a provider range,
 *     {@link NetworkKind#TOR} with the provider still filled in
 * @param provider the lower-case provider id of the range: {@code aws}, {@code gcp}, {@code azure},
 *     {@code oracle}, {@code digitalocean}, {@code linode}, or the name of another geofeed
 * @param service the provider's service of the range, such as {@code EC2}, {@code Google Cloud},
 *     {@code AzureStorage} or {@code OCI}
 * @param region the provider's region of the range, such as {@code us-east-1}, or the RFC 8805
 *     region code of a geofeed, such as {@code US-NJ}
 * @param asn the autonomous system number from a MaxMind ASN database
 * @param asOrganization the autonomous system organisation from a MaxMind ASN database
 * @param country the ISO 3166-1 alpha-2 country code from a MaxMind country or city database, else
 *     from a geofeed
 * @param anonymizer what a MaxMind Anonymous IP database says the address is: {@code vpn}, {@code
 *     public proxy}, {@code residential proxy}, {@code hosting} or {@code anonymous}
 */
public record NetworkInfo(
    NetworkKind kind,
    String provider,
    String service,
    String region,
    Long asn,
    String asOrganization,
    String country,
    String anonymizer) {

  /** The info of a source that is not an IP address. */
  public static final NetworkInfo UNKNOWN = of(NetworkKind.UNKNOWN);

  /** The info of a public address that no loaded range, list or database contains. */
  public static final NetworkInfo OTHER = of(NetworkKind.OTHER);

  /** The info of a private, loopback or link-local address. */
  public static final NetworkInfo PRIVATE = of(NetworkKind.PRIVATE);

  /** The clouds whose audit logs Skywarden reads; one shared copy of {@code values()}. */
  private static final List<CloudProvider> CLOUDS = List.of(CloudProvider.values());

  public NetworkInfo {
    Objects.requireNonNull(kind, "kind");
  }

  /** Returns an info of the given kind with every other field unknown. */
  public static NetworkInfo of(NetworkKind kind) {
    return new NetworkInfo(kind, null, null, null, null, null, null, null);
  }

  /** Returns true when the address is in a published range of the given cloud. */
  public boolean isProvider(CloudProvider cloud) {
    return cloud != null && cloud.id().equals(provider);
  }

  /** Returns true for a Tor exit relay. */
  public boolean isTor() {
    return kind == NetworkKind.TOR;
  }

  /**
   * Returns the kind as seen from an event of the given cloud. A range of a provider whose audit
   * logs Skywarden does not read (Oracle Cloud, for example) counts as {@link NetworkKind#HOSTING}:
   * for a call to AWS, Azure or Google Cloud such an address is a rented machine like any VPS. A
   * range of one of the three clouds stays {@link NetworkKind#CLOUD_PROVIDER}, whichever cloud the
   * event is from, so that {@link #isProvider} can tell "own cloud" from "another cloud".
   */
  public NetworkKind kindFor(CloudProvider eventCloud) {
    if (kind != NetworkKind.CLOUD_PROVIDER) {
      return kind;
    }
    for (CloudProvider cloud : CLOUDS) {
      if (cloud.id().equals(provider)) {
        return kind;
      }
    }
    return NetworkKind.HOSTING;
  }

  /** Returns true when the info has more than its kind: a provider, AS, country or anonymizer. */
  public boolean hasDetails() {
    return provider != null || asn != null || country != null || anonymizer != null;
  }

  /**
   * Returns a short text for reports, such as {@code aws EC2 us-east-1}, {@code hosting
   * digitalocean NL}, {@code Tor exit}, {@code AS64500 Example Net DE} or {@code private}; empty
   * when nothing is known.
   */
  public String label() {
    List<String> parts = new ArrayList<>();
    switch (kind) {
      case TOR -> parts.add("Tor exit");
      case HOSTING -> parts.add("hosting");
      case PRIVATE -> parts.add("private");
      default -> {
        // The provider, AS and country below describe the network.
      }
    }
    addIfPresent(parts, provider);
    addIfPresent(parts, service);
    addIfPresent(parts, region);
    if (provider == null && asn != null) {
      parts.add("AS" + asn);
      addIfPresent(parts, asOrganization);
    }
    if (anonymizer != null && kind != NetworkKind.TOR) {
      parts.add(anonymizer);
    }
    if (region == null) {
      addIfPresent(parts, country);
    }
    return String.join(" ", parts);
  }

  private static void addIfPresent(List<String> parts, String value) {
    if (value != null && !value.isEmpty()) {
      parts.add(value);
    }
  }
}
