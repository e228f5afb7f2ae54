package dev.skywarden.core.normalize;

import dev.skywarden.core.event.SourceAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the source field of an audit record into a {@link SourceAddress} without any DNS lookup.
 *
 * <p>IPv4 literals are parsed here, digit by digit. An octet with leading zeros, as in the
 * anonymised {@code 203.0.113.07}, is read as a decimal number with the zeros dropped ({@code
 * 203.0.113.7}), not as octal as {@code inet_aton} would. IPv6 literals are handed to {@link
 * InetAddress#getByName} only after a character check, and the JDK parses a string that contains a
 * colon as a literal without a lookup. A trailing port ({@code 1.2.3.4:443}, {@code [::1]:443}), as
 * Azure storage logs write it, is dropped. Anything else, such as {@code AWS Internal}, {@code
 * ssm.amazonaws.com} or GCP's {@code gce-internal-ip} and {@code private}, is kept as a name.
 *
 * <p>Stateless and thread-safe.
 */
public final class SourceAddresses {

  private static final Pattern IPV4_WITH_PORT =
      Pattern.compile("^(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}$");
  private static final Pattern BRACKETED_IPV6 =
      Pattern.compile("^\\[([0-9A-Fa-f:.]+)](?::\\d{1,5})?$");
  private static final Pattern IPV6_CHARACTERS =
      Pattern.compile("^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[0-9A-Za-z_.-]+)?$");

  private SourceAddresses() {}

  /** Parses a source field; {@code null} or blank text gives {@link SourceAddress#NONE}. */
  public static SourceAddress parse(String text) {
    if (text == null || text.isBlank()) {
      return SourceAddress.NONE;
    }
    String value = text.trim();

    // Both patterns need a colon or a bracket, so the matchers run only for text that has one.
    if (value.indexOf(':') >= 0) {
      Matcher withPort = IPV4_WITH_PORT.matcher(value);
      if (withPort.matches()) {
        value = withPort.group(1);
      }
    }
    if (value.startsWith("[")) {
      Matcher bracketed = BRACKETED_IPV6.matcher(value);
      if (bracketed.matches()) {
        value = bracketed.group(1);
      }
    }

    InetAddress ip = parseIpv4(value);
    if (ip == null) {
      ip = parseIpv6(value);
    }
    return ip != null ? new SourceAddress(ip, null) : new SourceAddress(null, value);
  }

  /**
   * Parses a dotted-quad IPv4 literal with decimal octets of one to three digits each, or returns
   * {@code null}. A digit is what {@link Character#digit(char, int)} reads in base 10, as {@link
   * Integer#parseInt} does.
   */
  static InetAddress parseIpv4(String value) {
    byte[] bytes = new byte[4];
    int octetIndex = 0;
    int digits = 0;
    int octet = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '.') {
        if (digits == 0 || octetIndex == 3) {
          return null;
        }
        bytes[octetIndex++] = (byte) octet;
        digits = 0;
        octet = 0;
        continue;
      }
      int digit = Character.digit(c, 10);
      if (digit < 0 || ++digits > 3) {
        return null;
      }
      octet = octet * 10 + digit;
      if (octet > 255) {
        return null;
      }
    }
    if (octetIndex != 3 || digits == 0) {
      return null;
    }
    bytes[3] = (byte) octet;
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException("four bytes are always a valid IPv4 address", impossible);
    }
  }

  private static InetAddress parseIpv6(String value) {
    if (value.indexOf(':') < 0 || !IPV6_CHARACTERS.matcher(value).matches()) {
      return null;
    }
    try {
      // The value contains a colon and only literal characters, so the JDK parses it as an IPv6
      // literal and throws for an invalid one instead of asking DNS.
      return InetAddress.getByName(value);
    } catch (UnknownHostException invalidLiteral) {
      return null;
    }
  }
}
