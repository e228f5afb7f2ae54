package dev.skywarden.core.netintel;

/**
 * A CIDR block such as {@code 203.0.113.0/24} or {@code 2001:db8::/32}: the first and the last
 * address it covers.
 *
 * @param first the first address, with the host bits cleared
 * @param last the last address, with the host bits set
 * @param length the prefix length in bits
 */
public record IpPrefix(IpAddress first, IpAddress last, int length) {

  /**
   * Parses {@code ADDRESS/LENGTH}, or a bare address as a single-address block. Host bits set in
   * the address are cleared, as most readers of these files do.
   *
   * @throws IllegalArgumentException naming the text when it is not a valid CIDR block
   */
  public static IpPrefix parse(String text) {
    String trimmed = text.trim();
    int slash = trimmed.indexOf('/');
    String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
    IpAddress address = IpAddress.parse(addressText);
    if (address == null) {
      throw new IllegalArgumentException("invalid IP address in prefix '" + text + "'");
    }
    int bits = address.ipv6() ? 128 : 32;
    int length = bits;
    if (slash >= 0) {
      try {
        length = Integer.parseInt(trimmed.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid prefix length in '" + text + "'", e);
      }
      if (length < 0 || length > bits) {
        throw new IllegalArgumentException(
            "prefix length out of range 0-" + bits + " in '" + text + "'");
      }
    }
    if (!address.ipv6()) {
      long mask = length == 0 ? 0 : (0xffff_ffffL << (32 - length)) & 0xffff_ffffL;
      return new IpPrefix(
          new IpAddress(false, 0, address.low() & mask),
          new IpAddress(false, 0, (address.low() & mask) | (~mask & 0xffff_ffffL)),
          length);
    }
    long highMask = mask64(Math.min(length, 64));
    long lowMask = mask64(Math.max(length - 64, 0));
    return new IpPrefix(
        new IpAddress(true, address.high() & highMask, address.low() & lowMask),
        new IpAddress(true, address.high() | ~highMask, address.low() | ~lowMask),
        length);
  }

  /** Returns a mask with the top {@code bits} of 64 set. */
  private static long mask64(int bits) {
    return bits == 0 ? 0 : -1L << (64 - bits);
  }

  @Override
  public String toString() {
    return first + "/" + length;
  }
}
