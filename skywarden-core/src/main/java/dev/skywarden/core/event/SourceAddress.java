package dev.skywarden.core.event;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Where a call came from: a valid IP address, or a name when the log contains something else (a
 * service host name such as {@code ssm.amazonaws.com}, or {@code AWS Internal}).
 *
 * <p>Exactly one of {@code ip} and {@code name} is non-null, unless the log has no source at all,
 * in which case both are null ({@link #NONE}).
 *
 * @param ip the address, or {@code null}
 * @param name the source as written when it is not an IP address, or {@code null}
 * @param network what the hunt's network intel found for {@code ip} (provider range, hosting, Tor,
 *     AS, country); {@code null} when the hunt has no network intel or the source is no address
 */
public record SourceAddress(InetAddress ip, String name, NetworkInfo network) {

  public static final SourceAddress NONE = new SourceAddress(null, null);

  /** Creates a source without network intel, as the normalisers do. */
  public SourceAddress(InetAddress ip, String name) {
    this(ip, name, null);
  }

  /** Returns a copy with the given network intel. */
  public SourceAddress withNetwork(NetworkInfo info) {
    return new SourceAddress(ip, name, info);
  }

  /**
   * Returns the text to show: the IP address literal (IPv6 in the RFC 5952 form, such as {@code
   * 2001:db8::1}), the name, or an empty string.
   */
  public String text() {
    if (ip instanceof Inet6Address) {
      return compressedIpv6(ip.getAddress());
    }
    if (ip != null) {
      return ip.getHostAddress();
    }
    return name == null ? "" : name;
  }

  /**
   * Formats 16 address bytes as RFC 5952 section 4 asks: lowercase hexadecimal groups without
   * leading zeros, and the longest run of two or more zero groups (the first on a tie) as {@code
   * ::}. The scope id, if any, is left out.
   */
  private static String compressedIpv6(byte[] bytes) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }

    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; i++) {
      int length = 0;
      while (i + length < 8 && groups[i + length] == 0) {
        length++;
      }
      if (length > bestLength) {
        bestStart = i;
        bestLength = length;
      }
      i += length;
    }

    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }

  public boolean isIp() {
    return ip != null;
  }
}
