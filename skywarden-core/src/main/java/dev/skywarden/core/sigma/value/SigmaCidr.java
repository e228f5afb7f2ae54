package dev.skywarden.core.sigma.value;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network made by the {@code cidr} modifier, such as {@code 10.0.0.0/8} or {@code
 * 2001:db8::/32}. Immutable.
 *
 * <p>Addresses are parsed without name resolution: only dotted-quad IPv4 and colon-separated IPv6
 * literals are accepted.
 */
public final class SigmaCidr implements SigmaValue {

  private final String text;
  private final byte[] network;
  private final int prefixLength;

  private SigmaCidr(String text, byte[] network, int prefixLength) {
    this.text = text;
    this.network = network;
    this.prefixLength = prefixLength;
  }

  /**
   * Parses {@code address/prefix}; an address without prefix is a single host.
   *
   * @throws IllegalArgumentException with the reason when the text is not a valid CIDR range
   */
  public static SigmaCidr parse(String text) {
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
    byte[] address =
        parseAddress(addressText)
            .orElseThrow(() -> new IllegalArgumentException("invalid IP address '" + text + "'"));
    int maxPrefix = address.length * 8;
    int prefix = maxPrefix;
    if (slash >= 0) {
      String prefixText = trimmed.substring(slash + 1);
      if (!prefixText.matches("[0-9]{1,3}")) {
        throw new IllegalArgumentException("invalid prefix length in '" + text + "'");
      }
      prefix = Integer.parseInt(prefixText);
      if (prefix > maxPrefix) {
        throw new IllegalArgumentException(
            "prefix length " + prefix + " exceeds " + maxPrefix + " in '" + text + "'");
      }
    }
    return new SigmaCidr(trimmed, mask(address, prefix), prefix);
  }

  /**
   * Parses an IPv4 dotted-quad or IPv6 literal. Returns empty for anything else, host names
   * included, so no name lookup ever happens.
   */
  public static Optional<byte[]> parseAddress(String text) {
    if (text.indexOf(':') >= 0) {
      return parseIpv6(text);
    }
    return parseIpv4(text);
  }

  /** Returns whether {@code address} (4 or 16 bytes) lies in this network. */
  public boolean contains(byte[] address) {
    return address.length == network.length && Arrays.equals(mask(address, prefixLength), network);
  }

  /** Returns the range as written in the rule. */
  public String text() {
    return text;
  }

  @Override
  public String kind() {
    return "CIDR range";
  }

  @Override
  public String toString() {
    return "cidr " + text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SigmaCidr cidr
        && prefixLength == cidr.prefixLength
        && Arrays.equals(network, cidr.network);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(network), prefixLength);
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] masked = address.clone();
    for (int bit = prefix; bit < masked.length * 8; bit++) {
      masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return masked;
  }

  private static Optional<byte[]> parseIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    byte[] address = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (!parts[i].matches("[0-9]{1,3}")) {
        return Optional.empty();
      }
      int octet = Integer.parseInt(parts[i]);
      if (octet > 255) {
        return Optional.empty();
      }
      address[i] = (byte) octet;
    }
    return Optional.of(address);
  }

  private static Optional<byte[]> parseIpv6(String text) {
    // Only hex digits, colons and dots (embedded IPv4) reach InetAddress: a text with a colon is
    // parsed as an IPv6 literal there, never looked up as a host name.
    if (!text.matches("[0-9A-Fa-f:.]+")) {
      return Optional.empty();
    }
    try {
      byte[] address = InetAddress.getByName(text).getAddress();
      if (address.length == 4) {
        // An IPv4-mapped literal (::ffff:a.b.c.d) comes back as 4 bytes; keep the IPv6 form.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(address, 0, mapped, 12, 4);
        return Optional.of(mapped);
      }
      return Optional.of(address);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
