package dev.skywarden.core.event;

import java.net.InetAddress;

/**
 * Where a call came from: a valid IP address, or a name when the log holds something else (a
 * service host name such as {@code ssm.amazonaws.com}, or {@code AWS Internal}).
 *
 * <p>Exactly one of {@code ip} and {@code name} is non-null, unless the log has no source at all,
 * in which case both are null ({@link #NONE}).
 */
public record SourceAddress(InetAddress ip, String name) {

  public static final SourceAddress NONE = new SourceAddress(null, null);

  /** Returns the text to show: the IP address literal, the name, or an empty string. */
  public String text() {
    if (ip != null) {
      return ip.getHostAddress();
    }
    return name == null ? "" : name;
  }

  public boolean isIp() {
    return ip != null;
  }
}
