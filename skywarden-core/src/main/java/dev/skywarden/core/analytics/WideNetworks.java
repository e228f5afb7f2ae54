package dev.skywarden.core.analytics;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.event.Interner;
import dev.skywarden.core.event.NetworkInfo;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The shared instances of the wide networks of one run ({@link Profile#wideNetwork(CloudEvent,
 * InetAddress)}), found without building and interning a string for every event. IPv4 /16s are kept
 * in a table indexed by the address's first two bytes (256 KiB of references per run, filled as
 * networks appear), and each cloud's own ranges have one slot. IPv6 networks are interned on every
 * call.
 *
 * <p>Thread-safe: a race fills a slot twice with the same interned instance.
 */
final class WideNetworks {

  private final Interner interner;
  private final AtomicReferenceArray<String> ipv4 = new AtomicReferenceArray<>(1 << 16);
  private final AtomicReferenceArray<String> providerRanges =
      new AtomicReferenceArray<>(CloudProvider.values().length);

  /** Creates an empty table whose values are the shared instances of {@code interner}. */
  WideNetworks(Interner interner) {
    this.interner = interner;
  }

  /** Returns the interned {@link Profile#wideNetwork(CloudEvent, InetAddress)} of the event. */
  @SuppressWarnings("EnumOrdinal") // one slot per cloud, indexed without a map lookup
  String of(CloudEvent event, InetAddress ip) {
    NetworkInfo network = event.source().network();
    if (network != null && network.isProvider(event.provider())) {
      int slot = event.provider().ordinal();
      String ranges = providerRanges.get(slot);
      if (ranges == null) {
        ranges = interner.intern(Profile.wideNetwork(event, ip));
        providerRanges.set(slot, ranges);
      }
      return ranges;
    }
    if (!(ip instanceof Inet4Address)) {
      return interner.intern(Profile.wideNetwork(ip));
    }
    byte[] bytes = ip.getAddress();
    int slot = ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
    String value = ipv4.get(slot);
    if (value == null) {
      value = interner.intern(Profile.wideNetwork(ip));
      ipv4.set(slot, value);
    }
    return value;
  }
}
