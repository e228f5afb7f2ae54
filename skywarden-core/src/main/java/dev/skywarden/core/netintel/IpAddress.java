package dev.skywarden.core.netintel;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address as 128 bits in two longs, parsed without {@link InetAddress} or DNS.
 *
 * <p>An IPv4 address has {@code high == 0} and its 32 bits in the low half of {@code low}. IPv6
 * keeps the first 64 bits in {@code high} and the last 64 in {@code low}, both compared unsigned.
 * An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) is parsed as the IPv4 address.
 *
 * @param ipv6 true for an IPv6 address
 * @param high the first 64 bits of an IPv6 address; 0 for IPv4
 * @param low the last 64 bits of an IPv6 address, or the 32 bits of an IPv4 address
 */
public record IpAddress(boolean ipv6, long high, long low) {

  /**
   * Parses an IPv4 dotted quad (decimal octets, leading zeros read as decimal) or an IPv6 literal
   * (with {@code ::}, an embedded IPv4 tail and an optional {@code %zone}, which is dropped).
   *
   * @return the address, or {@code null} when the text is not an IP literal
   */
  public static IpAddress parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (text.indexOf(':') < 0) {
      long ipv4 = parseIpv4(text, 0, text.length());
      return ipv4 < 0 ? null : new IpAddress(false, 0, ipv4);
    }
    return parseIpv6(text);
  }

  /** Returns the address of a JDK {@link InetAddress}; never null. */
  public static IpAddress of(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      return new IpAddress(false, 0, readLong(bytes, 0, 4));
    }
    return ipv6(readLong(bytes, 0, 8), readLong(bytes, 8, 8));
  }

  /** Returns the JDK address; no DNS lookup is made. */
  public InetAddress toInetAddress() {
    byte[] bytes;
    if (ipv6) {
      bytes = new byte[16];
      writeLong(bytes, 0, 8, high);
      writeLong(bytes, 8, 8, low);
    } else {
      bytes = new byte[4];
      writeLong(bytes, 0, 4, low);
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException("4 or 16 bytes are always an address", impossible);
    }
  }

  /** Returns the address as text: dotted quad, or IPv6 in full hexadecimal groups. */
  @Override
  public String toString() {
    if (!ipv6) {
      return ((low >>> 24) & 0xff)
          + "."
          + ((low >>> 16) & 0xff)
          + "."
          + ((low >>> 8) & 0xff)
          + "."
          + (low & 0xff);
    }
    InetAddress address = toInetAddress();
    return address instanceof Inet6Address ? address.getHostAddress() : address.toString();
  }

  private static IpAddress ipv6(long high, long low) {
    if (high == 0 && (low >>> 32) == 0xffff) {
      return new IpAddress(false, 0, low & 0xffff_ffffL);
    }
    return new IpAddress(true, high, low);
  }

  /** Parses {@code text[from, to)} as a dotted quad; returns -1 when it is not one. */
  static long parseIpv4(String text, int from, int to) {
    long value = 0;
    int octets = 0;
    int digits = 0;
    int octet = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        octet = octet * 10 + (c - '0');
        digits++;
        if (digits > 3 || octet > 255) {
          return -1;
        }
      } else if (c == '.' && digits > 0 && octets < 3) {
        value = (value << 8) | octet;
        octets++;
        digits = 0;
        octet = 0;
      } else {
        return -1;
      }
    }
    if (octets != 3 || digits == 0) {
      return -1;
    }
    return (value << 8) | octet;
  }

  private static IpAddress parseIpv6(String text) {
    int end = text.indexOf('%');
    if (end < 0) {
      end = text.length();
    }
    int[] groups = new int[8];
    int count = 0;
    int gap = -1;
    int i = 0;
    if (text.startsWith("::")) {
      gap = 0;
      i = 2;
    }
    while (i < end) {
      int groupEnd = i;
      while (groupEnd < end && text.charAt(groupEnd) != ':') {
        groupEnd++;
      }
      if (groupEnd == i) {
        return null;
      }
      if (groupEnd == end && text.lastIndexOf('.', end - 1) >= i) {
        // An embedded IPv4 tail fills the last two groups.
        long ipv4 = parseIpv4(text, i, end);
        if (ipv4 < 0 || count > 6) {
          return null;
        }
        groups[count++] = (int) (ipv4 >>> 16);
        groups[count++] = (int) (ipv4 & 0xffff);
        i = end;
        break;
      }
      int group = parseHexGroup(text, i, groupEnd);
      if (group < 0 || count == 8) {
        return null;
      }
      groups[count++] = group;
      i = groupEnd;
      if (i < end) {
        i++;
        if (i < end && text.charAt(i) == ':') {
          if (gap >= 0) {
            return null;
          }
          gap = count;
          i++;
        } else if (i == end) {
          return null;
        }
      }
    }
    if (gap < 0 ? count != 8 : count > 7) {
      return null;
    }
    int[] full = new int[8];
    if (gap < 0) {
      full = groups;
    } else {
      int tail = count - gap;
      System.arraycopy(groups, 0, full, 0, gap);
      System.arraycopy(groups, gap, full, 8 - tail, tail);
    }
    long high = 0;
    long low = 0;
    for (int g = 0; g < 4; g++) {
      high = (high << 16) | full[g];
      low = (low << 16) | full[g + 4];
    }
    return ipv6(high, low);
  }

  private static int parseHexGroup(String text, int from, int to) {
    if (to - from > 4) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      int digit = Character.digit(text.charAt(i), 16);
      if (digit < 0) {
        return -1;
      }
      value = (value << 4) | digit;
    }
    return value;
  }

  private static long readLong(byte[] bytes, int offset, int length) {
    long value = 0;
    for (int i = 0; i < length; i++) {
      value = (value << 8) | (bytes[offset + i] & 0xff);
    }
    return value;
  }

  private static void writeLong(byte[] bytes, int offset, int length, long value) {
    for (int i = length - 1; i >= 0; i--) {
      bytes[offset + i] = (byte) value;
      value >>>= 8;
    }
  }

  /**
   * Returns true for private, loopback, link-local, shared (RFC 6598) and unspecified addresses.
   */
  public boolean isPrivate() {
    if (!ipv6) {
      long a = low >>> 24;
      long b = (low >>> 16) & 0xff;
      return a == 10
          || a == 127
          || a == 0
          || (a == 172 && b >= 16 && b <= 31)
          || (a == 192 && b == 168)
          || (a == 169 && b == 254)
          || (a == 100 && b >= 64 && b <= 127);
    }
    long first16 = high >>> 48;
    boolean loopbackOrUnspecified = high == 0 && (low == 1 || low == 0);
    boolean uniqueLocal = (first16 & 0xfe00) == 0xfc00;
    boolean linkLocal = (first16 & 0xffc0) == 0xfe80;
    return loopbackOrUnspecified || uniqueLocal || linkLocal;
  }
}
