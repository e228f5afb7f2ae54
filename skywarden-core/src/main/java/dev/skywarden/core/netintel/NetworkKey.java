package dev.skywarden.core.netintel;

import java.net.InetAddress;

/**
 * The network of a source address for profiles: the IPv4 /24 or the IPv6 /48 it is in.
 *
 * <p>A record of a flag and one {@code long}, so it is cheap to hash, compare and keep in large
 * maps. Immutable.
 *
 * @param ipv6 true for an IPv6 /48
 * @param prefix the first 24 bits of an IPv4 address or the first 48 bits of an IPv6 address, right
 *     aligned
 */
public record NetworkKey(boolean ipv6, long prefix) implements Comparable<NetworkKey> {

  /** Returns the key of a parsed address. */
  public static NetworkKey of(IpAddress address) {
    return address.ipv6()
        ? new NetworkKey(true, address.high() >>> 16)
        : new NetworkKey(false, address.low() >>> 8);
  }

  /** Returns the key of a JDK address, or {@code null} for {@code null}. */
  public static NetworkKey of(InetAddress address) {
    return address == null ? null : of(IpAddress.of(address));
  }

  /** Returns the key of an address literal, or {@code null} when the text is not one. */
  public static NetworkKey parse(String ipAddress) {
    IpAddress address = IpAddress.parse(ipAddress);
    return address == null ? null : of(address);
  }

  /**
   * Returns the network in CIDR notation, such as {@code 203.0.113.0/24} or {@code
   * 2001:db8:1::/48}.
   */
  @Override
  public String toString() {
    if (!ipv6) {
      return ((prefix >>> 16) & 0xff)
          + "."
          + ((prefix >>> 8) & 0xff)
          + "."
          + (prefix & 0xff)
          + ".0/24";
    }
    return Long.toHexString((prefix >>> 32) & 0xffff)
        + ":"
        + Long.toHexString((prefix >>> 16) & 0xffff)
        + ":"
        + Long.toHexString(prefix & 0xffff)
        + "::/48";
  }

  /** Orders IPv4 keys before IPv6 keys, each by prefix. */
  @Override
  public int compareTo(NetworkKey other) {
    if (ipv6 != other.ipv6) {
      return ipv6 ? 1 : -1;
    }
    return Long.compare(prefix, other.prefix);
  }
}
