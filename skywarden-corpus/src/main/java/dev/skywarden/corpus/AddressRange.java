package dev.skywarden.corpus;

/**
 * An IPv4 prefix that generated addresses are drawn from.
 *
 * @param label what the range stands for in the corpus, such as {@code office new-york}
 * @param base the first address of the prefix as an unsigned 32-bit value
 * @param prefixLength the CIDR prefix length, 8 to 32
 */
record AddressRange(String label, long base, int prefixLength) {

  AddressRange {
    if (prefixLength < 8 || prefixLength > 32) {
      throw new IllegalArgumentException("prefix length must be 8 to 32, was " + prefixLength);
    }
  }

  /** Parses {@code a.b.c.d/len}; the host bits of the address are cleared. */
  static AddressRange parse(String label, String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a CIDR prefix: " + cidr);
    }
    String[] octets = cidr.substring(0, slash).split("\\.", -1);
    if (octets.length != 4) {
      throw new IllegalArgumentException("not an IPv4 prefix: " + cidr);
    }
    long value = 0;
    for (String octet : octets) {
      value = (value << 8) | Integer.parseInt(octet);
    }
    int length = Integer.parseInt(cidr.substring(slash + 1));
    long mask = length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
    return new AddressRange(label, value & mask, length);
  }

  /** Returns the prefix in CIDR notation, such as {@code 192.0.2.0/25}. */
  String cidr() {
    return dotted(base) + "/" + prefixLength;
  }

  /** Returns the address at a host offset, wrapped into the prefix and avoiding .0 and .255. */
  String address(long offset) {
    long size = 1L << (32 - prefixLength);
    long host = Math.floorMod(offset, size);
    long value = base + host;
    if ((value & 0xFF) == 0) {
      value += 1;
    } else if ((value & 0xFF) == 0xFF) {
      value -= 1;
    }
    return dotted(value);
  }

  private static String dotted(long value) {
    return ((value >> 24) & 0xFF)
        + "."
        + ((value >> 16) & 0xFF)
        + "."
        + ((value >> 8) & 0xFF)
        + "."
        + (value & 0xFF);
  }

  /** Returns a random address of the prefix. */
  String random(Rng rng) {
    return address(rng.nextLong() & 0x7FFFFFFFL);
  }
}
