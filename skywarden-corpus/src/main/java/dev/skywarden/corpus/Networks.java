package dev.skywarden.corpus;

import java.util.List;
import java.util.Map;

/**
 * The address ranges that generated callers use.
 *
 * <p>People call from office egress addresses in the documentation ranges of RFC 5737 and from home
 * or travel addresses in the benchmarking range 198.18.0.0/15 of RFC 2544, so no benign caller has
 * a real public address. Workloads call from the public ranges of their cloud, and attackers from
 * hosting providers.
 *
 * <p>NOTE: the cloud and hosting prefixes below were written from general knowledge of where these
 * providers announce addresses (AWS ip-ranges.json, the providers' published lists) and were not
 * checked against current lists; a range may since have moved to another owner. Tests and detectors
 * must not treat them as an authoritative list.
 */
final class Networks {

  /** Office egress prefixes, one per office time zone. */
  static final Map<String, AddressRange> OFFICES =
      Map.of(
          "America/New_York", AddressRange.parse("office new-york", "192.0.2.0/25"),
          "America/Los_Angeles", AddressRange.parse("office san-francisco", "192.0.2.128/25"),
          "Europe/London", AddressRange.parse("office london", "198.51.100.0/25"),
          "Europe/Berlin", AddressRange.parse("office berlin", "198.51.100.128/25"),
          "Asia/Kolkata", AddressRange.parse("office bengaluru", "203.0.113.0/25"),
          "Asia/Singapore", AddressRange.parse("office singapore", "203.0.113.128/26"),
          "Australia/Sydney", AddressRange.parse("office sydney", "203.0.113.192/26"));

  /** Home, mobile and travel addresses of people. */
  static final AddressRange HOMES = AddressRange.parse("home or mobile", "198.18.0.0/15");

  /** NAT gateway egress of AWS workloads, by region. */
  static final Map<String, AddressRange> AWS_REGIONS =
      Map.of(
          "us-east-1", AddressRange.parse("aws us-east-1", "54.144.0.0/14"),
          "us-west-2", AddressRange.parse("aws us-west-2", "34.208.0.0/12"),
          "eu-west-1", AddressRange.parse("aws eu-west-1", "34.240.0.0/13"),
          "eu-central-1", AddressRange.parse("aws eu-central-1", "18.184.0.0/15"),
          "ap-southeast-1", AddressRange.parse("aws ap-southeast-1", "13.212.0.0/15"),
          "ap-south-1", AddressRange.parse("aws ap-south-1", "13.232.0.0/14"));

  /** The Azure region of {@link #AZURE}, as service tags name it. */
  static final String AZURE_REGION = "eastus";

  /** Azure public addresses, used by CI runners and Azure workloads. */
  static final AddressRange AZURE = AddressRange.parse("azure east-us", "20.42.0.0/16");

  /** The Google Cloud region of {@link #GCP}. */
  static final String GCP_REGION = "us-central1";

  /** Google Cloud public addresses, used by GCP workloads. */
  static final AddressRange GCP = AddressRange.parse("gcp us-central1", "35.184.0.0/13");

  /**
   * Hosting providers that attackers rent machines from; the label is {@code hosting} and the
   * provider id ({@link #hostingProvider}).
   */
  static final List<AddressRange> HOSTING =
      List.of(
          AddressRange.parse("hosting digitalocean", "167.99.0.0/16"),
          AddressRange.parse("hosting digitalocean", "159.89.0.0/16"),
          AddressRange.parse("hosting linode", "139.162.0.0/16"),
          AddressRange.parse("hosting linode", "172.104.0.0/15"),
          AddressRange.parse("hosting vultr", "45.32.0.0/16"));

  /** Returns the provider id of a {@link #HOSTING} range, such as {@code digitalocean}. */
  static String hostingProvider(AddressRange range) {
    String prefix = "hosting ";
    if (!range.label().startsWith(prefix)) {
      throw new IllegalArgumentException("not a hosting range: " + range.label());
    }
    return range.label().substring(prefix.length());
  }

  private Networks() {}
}
