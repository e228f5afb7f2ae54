package dev.skywarden.core.netintel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The addresses of Tor exit relays, as sorted arrays searched by binary search.
 *
 * <p>Reads two formats: one address per line (blank lines and {@code #} comments allowed), and the
 * Tor Project's {@code exit-addresses} file, whose {@code ExitAddress ADDRESS TIME} lines give the
 * addresses and whose other lines are ignored. A line that is neither is skipped and reported.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
final class TorExitList {

  static final TorExitList EMPTY = new TorExitList(new long[0], new long[0], new long[0], 0);

  private final long[] ipv4;
  private final long[] ipv6High;
  private final long[] ipv6Low;
  private final int size;

  private TorExitList(long[] ipv4, long[] ipv6High, long[] ipv6Low, int size) {
    this.ipv4 = ipv4;
    this.ipv6High = ipv6High;
    this.ipv6Low = ipv6Low;
    this.size = size;
  }

  /**
   * Reads a Tor exit list; bad lines are added to {@code problems}.
   *
   * @throws NetworkIntelException when the file cannot be read or has no address at all
   */
  static TorExitList read(Path file, List<LoadProblem> problems) throws NetworkIntelException {
    List<IpAddress> addresses = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      String line;
      int lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        if (text.startsWith("ExitAddress ")) {
          text = text.substring("ExitAddress ".length()).strip();
          int space = text.indexOf(' ');
          text = space < 0 ? text : text.substring(0, space);
        } else if (text.startsWith("ExitNode ")
            || text.startsWith("Published ")
            || text.startsWith("LastStatus ")) {
          continue;
        }
        IpAddress address = IpAddress.parse(text);
        if (address == null) {
          problems.add(
              new LoadProblem(file, "line " + lineNumber, "not an IP address: '" + text + "'"));
        } else {
          addresses.add(address);
        }
      }
    } catch (IOException e) {
      throw new NetworkIntelException(
          file, "failed to read the Tor exit list: " + e.getMessage(), e);
    }
    if (addresses.isEmpty()) {
      throw new NetworkIntelException(
          file, "no Tor exit address found: expected one IP address per line or ExitAddress lines");
    }
    return of(addresses);
  }

  /** Builds a list from addresses in any order; duplicates are kept once. */
  static TorExitList of(List<IpAddress> addresses) {
    long[] v4 =
        addresses.stream()
            .filter(a -> !a.ipv6())
            .mapToLong(IpAddress::low)
            .sorted()
            .distinct()
            .toArray();
    List<IpAddress> v6 = new ArrayList<>();
    for (IpAddress address : addresses) {
      if (address.ipv6()) {
        v6.add(address);
      }
    }
    v6.sort(
        (a, b) -> {
          int high = Long.compareUnsigned(a.high(), b.high());
          return high != 0 ? high : Long.compareUnsigned(a.low(), b.low());
        });
    List<IpAddress> distinct = new ArrayList<>();
    for (IpAddress address : v6) {
      if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(address)) {
        distinct.add(address);
      }
    }
    long[] high = new long[distinct.size()];
    long[] low = new long[distinct.size()];
    for (int i = 0; i < distinct.size(); i++) {
      high[i] = distinct.get(i).high();
      low[i] = distinct.get(i).low();
    }
    return new TorExitList(v4, high, low, v4.length + distinct.size());
  }

  /** Returns the number of distinct addresses. */
  int size() {
    return size;
  }

  /** Returns true when the address is a listed exit relay. */
  boolean contains(IpAddress address) {
    if (!address.ipv6()) {
      // IPv4 values are at most 2^32 - 1, so signed order is unsigned order here.
      return Arrays.binarySearch(ipv4, address.low()) >= 0;
    }
    int lo = 0;
    int hi = ipv6High.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int cmp = Long.compareUnsigned(ipv6High[mid], address.high());
      if (cmp == 0) {
        cmp = Long.compareUnsigned(ipv6Low[mid], address.low());
      }
      if (cmp == 0) {
        return true;
      }
      if (cmp < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return false;
  }
}
