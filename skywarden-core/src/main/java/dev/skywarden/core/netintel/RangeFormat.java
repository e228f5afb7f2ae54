package dev.skywarden.core.netintel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.event.NetworkKind;

/**
 * The published range files that {@link RangeFileReader} understands, each recognised by its
 * content.
 */
public enum RangeFormat {
  /** AWS {@code ip-ranges.json}: {@code prefixes[].ip_prefix} and {@code ipv6_prefixes[]}. */
  AWS("aws", NetworkKind.CLOUD_PROVIDER),
  /**
   * Google Cloud {@code cloud.json}: {@code prefixes[]} with {@code ipv4Prefix} and {@code scope}.
   */
  GOOGLE_CLOUD("gcp", NetworkKind.CLOUD_PROVIDER),
  /**
   * Google {@code goog.json}: every Google address, without service or scope. Its blocks are {@link
   * NetworkKind#OTHER}, since most of them serve Google's own services, not Google Cloud customers.
   */
  GOOGLE("google", NetworkKind.OTHER),
  /** Azure service tags ({@code ServiceTags_Public_*.json}): {@code values[].properties}. */
  AZURE("azure", NetworkKind.CLOUD_PROVIDER),
  /** Oracle Cloud {@code public_ip_ranges.json}: {@code regions[].cidrs[]}. */
  ORACLE("oracle", NetworkKind.CLOUD_PROVIDER),
  /**
   * An RFC 8805 geofeed (CSV of prefix, country, region, city, postal code), as DigitalOcean and
   * Linode publish; the provider comes from the file name.
   */
  GEOFEED(null, NetworkKind.HOSTING);

  private final String provider;
  private final NetworkKind kind;

  RangeFormat(String provider, NetworkKind kind) {
    this.provider = provider;
    this.kind = kind;
  }

  /** Returns the provider id of the format, or {@code null} for a geofeed. */
  public String provider() {
    return provider;
  }

  /** Returns the network kind of the blocks of such a file. */
  public NetworkKind kind() {
    return kind;
  }

  /** Recognises a JSON range file by its fields; returns {@code null} for an unknown document. */
  static RangeFormat ofJson(JsonNode root) {
    if (!root.isObject()) {
      return null;
    }
    JsonNode prefixes = root.path("prefixes");
    if (root.has("ipv6_prefixes") || firstHas(prefixes, "ip_prefix")) {
      return AWS;
    }
    if (firstHas(prefixes, "ipv4Prefix") || firstHas(prefixes, "ipv6Prefix")) {
      return firstHas(prefixes, "scope") || firstHas(prefixes, "service") ? GOOGLE_CLOUD : GOOGLE;
    }
    if (firstHas(root.path("values"), "properties")) {
      return AZURE;
    }
    if (firstHas(root.path("regions"), "cidrs")) {
      return ORACLE;
    }
    return null;
  }

  private static boolean firstHas(JsonNode array, String field) {
    return array.isArray() && !array.isEmpty() && array.get(0).has(field);
  }
}
