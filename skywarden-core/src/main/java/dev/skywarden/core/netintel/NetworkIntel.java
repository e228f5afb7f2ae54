package dev.skywarden.core.netintel;

import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.event.NetworkInfo;
import dev.skywarden.core.event.NetworkKind;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Network facts about source addresses, from the published ranges of cloud and hosting providers,
 * the Tor exit relays, and MaxMind ASN, country and anonymous-network databases.
 *
 * <p>A lookup combines them in this order:
 *
 * <ol>
 *   <li>A private, loopback, link-local or shared address is {@link NetworkKind#PRIVATE}.
 *   <li>The most specific range block containing the address gives the kind ({@link
 *       NetworkKind#CLOUD_PROVIDER} for AWS, Google Cloud, Azure and Oracle files, {@link
 *       NetworkKind#HOSTING} for geofeeds), provider, service and region.
 *   <li>An address on the Tor exit list, or that an Anonymous IP database calls a Tor exit, is
 *       {@link NetworkKind#TOR}, keeping the provider of its range.
 *   <li>An address in no range that an Anonymous IP database calls a hosting provider is {@link
 *       NetworkKind#HOSTING}; any other public address is {@link NetworkKind#OTHER}.
 *   <li>ASN, AS organisation and country come from the MaxMind databases; the country falls back on
 *       a geofeed's.
 * </ol>
 *
 * <p>When blocks of several files have the same prefix, the block of a cloud provider wins over a
 * hosting one, and a specific service (such as {@code EC2}) over the generic {@code AMAZON} that
 * AWS lists for every block.
 *
 * <p>Instances are immutable and safe to share between threads. A lookup of an IPv4 address costs
 * one binary search in a sorted {@code long} array, an IPv6 lookup one in two; with MaxMind
 * databases each database adds a search of its tree.
 */
public final class NetworkIntel {

  /** How many {@link #problems()} are kept; the rest are only counted. */
  public static final int MAX_PROBLEMS = 50;

  /** Intel with no data: every public address is {@link NetworkKind#OTHER}. */
  public static final NetworkIntel EMPTY =
      new NetworkIntel(
          PrefixTable.build(List.of(), NetworkIntel::merge),
          PrefixTable.build(List.of(), NetworkIntel::merge),
          TorExitList.EMPTY,
          List.of(),
          List.of(),
          0,
          List.of(),
          Set.of());

  private final PrefixTable<NetworkInfo> ipv4;
  private final PrefixTable<NetworkInfo> ipv6;
  private final TorExitList torExits;
  private final List<GeoDatabase> databases;
  private final List<LoadProblem> problems;
  private final long problemCount;
  private final List<String> sources;
  private final Set<CloudProvider> rangeClouds;

  private NetworkIntel(
      PrefixTable<NetworkInfo> ipv4,
      PrefixTable<NetworkInfo> ipv6,
      TorExitList torExits,
      List<GeoDatabase> databases,
      List<LoadProblem> problems,
      long problemCount,
      List<String> sources,
      Set<CloudProvider> rangeClouds) {
    this.ipv4 = ipv4;
    this.ipv6 = ipv6;
    this.torExits = torExits;
    this.databases = List.copyOf(databases);
    this.problems = List.copyOf(problems);
    this.problemCount = problemCount;
    this.sources = List.copyOf(sources);
    this.rangeClouds = Set.copyOf(rangeClouds);
  }

  /**
   * Loads network intel from files.
   *
   * @param rangeFiles published range files, or directories whose regular files (not recursive, in
   *     name order) are range files; in a directory, files of no known format are ignored and
   *     listed in {@link #sources()}, while a file given by name must be of a known format
   * @param torExits a Tor exit list (one address per line, or the Tor Project's {@code
   *     exit-addresses})
   * @param maxmindDbs MaxMind DB files: ASN, ISP, Country, City or Anonymous IP
   * @throws NetworkIntelException naming the file, and the line or JSON Pointer where it applies,
   *     when a file is missing, unreadable, of an unknown format or invalid as a whole; single bad
   *     entries are skipped and listed in {@link #problems()} instead
   */
  public static NetworkIntel load(
      List<Path> rangeFiles, Optional<Path> torExits, List<Path> maxmindDbs)
      throws NetworkIntelException {
    List<PrefixTable.Block<NetworkInfo>> ipv4Blocks = new ArrayList<>();
    List<PrefixTable.Block<NetworkInfo>> ipv6Blocks = new ArrayList<>();
    List<LoadProblem> problems = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    Set<CloudProvider> rangeClouds = EnumSet.noneOf(CloudProvider.class);
    RangeFileReader reader = new RangeFileReader();

    for (Path path : rangeFiles) {
      boolean directory = Files.isDirectory(path);
      for (Path file : expand(path)) {
        RangeFileReader.RangeFile read = reader.read(file);
        if (read == null && !directory) {
          throw new NetworkIntelException(
              file,
              "not a known range file: expected AWS ip-ranges.json, Google cloud.json or"
                  + " goog.json, Azure service tags JSON, Oracle public_ip_ranges.json or an"
                  + " RFC 8805 geofeed CSV");
        }
        if (read == null) {
          sources.add(file + ": ignored, not a known range file");
          continue;
        }
        for (PrefixTable.Block<NetworkInfo> block : read.blocks()) {
          (block.prefix().first().ipv6() ? ipv6Blocks : ipv4Blocks).add(block);
        }
        problems.addAll(read.problems());
        for (CloudProvider cloud : CloudProvider.values()) {
          if (read.format().kind() == NetworkKind.CLOUD_PROVIDER
              && cloud.id().equals(read.provider())) {
            rangeClouds.add(cloud);
          }
        }
        sources.add(
            file
                + ": "
                + read.format().name().toLowerCase(java.util.Locale.ROOT)
                + " ranges of "
                + read.provider()
                + ", "
                + read.blocks().size()
                + " blocks");
      }
    }

    TorExitList tor = TorExitList.EMPTY;
    if (torExits.isPresent()) {
      requireFile(torExits.get());
      tor = TorExitList.read(torExits.get(), problems);
      sources.add(torExits.get() + ": Tor exit list, " + tor.size() + " addresses");
    }

    List<GeoDatabase> databases = new ArrayList<>();
    for (Path file : maxmindDbs) {
      requireFile(file);
      GeoDatabase database = GeoDatabase.open(file);
      databases.add(database);
      sources.add(file + ": MaxMind " + database.databaseType());
    }

    long problemCount = problems.size();
    List<LoadProblem> kept = problems.subList(0, (int) Math.min(problemCount, MAX_PROBLEMS));
    return new NetworkIntel(
        PrefixTable.build(ipv4Blocks, NetworkIntel::merge),
        PrefixTable.build(ipv6Blocks, NetworkIntel::merge),
        tor,
        databases,
        kept,
        problemCount,
        sources,
        rangeClouds);
  }

  private static List<Path> expand(Path path) throws NetworkIntelException {
    if (!Files.exists(path)) {
      throw new NetworkIntelException(path, "not found");
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> entries = Files.list(path)) {
      return entries.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new NetworkIntelException(path, "failed to list the directory: " + e.getMessage(), e);
    }
  }

  private static void requireFile(Path file) throws NetworkIntelException {
    if (!Files.isRegularFile(file)) {
      throw new NetworkIntelException(
          file, Files.exists(file) ? "not a regular file" : "not found");
    }
  }

  /**
   * Merges the values of two blocks with the same prefix: a cloud provider over hosting over other,
   * then a specific service over none or over {@code AMAZON}; missing fields are filled from the
   * other block.
   */
  static NetworkInfo merge(NetworkInfo first, NetworkInfo second) {
    NetworkInfo winner = first;
    NetworkInfo other = second;
    if (rank(second.kind()) < rank(first.kind())
        || (second.kind() == first.kind()
            && Objects.equals(first.provider(), second.provider())
            && isGeneric(first.service())
            && !isGeneric(second.service()))) {
      winner = second;
      other = first;
    }
    boolean sameProvider = Objects.equals(winner.provider(), other.provider());
    return new NetworkInfo(
        winner.kind(),
        winner.provider(),
        winner.service() != null || !sameProvider ? winner.service() : other.service(),
        winner.region() != null || !sameProvider ? winner.region() : other.region(),
        null,
        null,
        winner.country() != null ? winner.country() : other.country(),
        null);
  }

  /** Ranks the kinds of range blocks: lower wins when two blocks have the same prefix. */
  private static int rank(NetworkKind kind) {
    return switch (kind) {
      case CLOUD_PROVIDER -> 0;
      case HOSTING -> 1;
      case OTHER -> 2;
      case TOR, PRIVATE, UNKNOWN -> 3;
    };
  }

  private static boolean isGeneric(String service) {
    return service == null || service.equals("AMAZON");
  }

  /**
   * Looks up an address given as text.
   *
   * @param ipAddress an IPv4 or IPv6 literal; anything else, including {@code null}, a host name or
   *     {@code AWS Internal}, gives {@link NetworkInfo#UNKNOWN}
   * @return never null; never throws
   */
  public NetworkInfo lookup(String ipAddress) {
    IpAddress address = IpAddress.parse(ipAddress == null ? null : ipAddress.strip());
    return address == null ? NetworkInfo.UNKNOWN : lookup(address);
  }

  /** Looks up a JDK address; {@code null} gives {@link NetworkInfo#UNKNOWN}. Never throws. */
  public NetworkInfo lookup(InetAddress address) {
    return address == null ? NetworkInfo.UNKNOWN : lookup(IpAddress.of(address));
  }

  /**
   * Looks up a parsed, non-null address. Never throws: a failed database read counts as no record.
   */
  public NetworkInfo lookup(IpAddress address) {
    if (address.isPrivate()) {
      return NetworkInfo.PRIVATE;
    }
    NetworkInfo range = (address.ipv6() ? ipv6 : ipv4).find(address.high(), address.low());
    boolean tor = torExits.contains(address);
    if (databases.isEmpty() && !tor) {
      return range != null ? range : NetworkInfo.OTHER;
    }

    GeoDatabase.Facts facts = GeoDatabase.Facts.NONE;
    if (!databases.isEmpty()) {
      InetAddress inet = address.toInetAddress();
      for (GeoDatabase database : databases) {
        facts = facts.merge(database.lookup(inet));
      }
    }
    NetworkKind kind;
    if (tor || facts.tor()) {
      kind = NetworkKind.TOR;
    } else if (range != null) {
      kind = range.kind();
    } else if ("hosting".equals(facts.anonymizer())) {
      kind = NetworkKind.HOSTING;
    } else {
      kind = NetworkKind.OTHER;
    }
    String country = facts.country();
    if (country == null && range != null) {
      country = range.country();
    }
    return new NetworkInfo(
        kind,
        range == null ? null : range.provider(),
        range == null ? null : range.service(),
        range == null ? null : range.region(),
        facts.asn(),
        facts.asOrganization(),
        country,
        facts.anonymizer());
  }

  /** Returns the number of IPv4 and IPv6 range blocks after merging equal prefixes. */
  public int blockCount() {
    return ipv4.size() + ipv6.size();
  }

  /**
   * Returns the clouds (AWS, Azure, Google Cloud) whose published range files were loaded. For
   * these clouds only, an address in no range is known to be outside the cloud.
   */
  public Set<CloudProvider> rangeClouds() {
    return rangeClouds;
  }

  /** Returns the number of distinct Tor exit addresses. */
  public int torExitCount() {
    return torExits.size();
  }

  /** Returns the number of MaxMind databases. */
  public int databaseCount() {
    return databases.size();
  }

  /** Returns one line per file read or ignored, with its format and number of entries. */
  public List<String> sources() {
    return sources;
  }

  /** Returns the first {@value #MAX_PROBLEMS} entries skipped while loading. */
  public List<LoadProblem> problems() {
    return problems;
  }

  /**
   * Returns how many entries were skipped while loading, including those not in {@link #problems}.
   */
  public long problemCount() {
    return problemCount;
  }

  /**
   * Returns a one-line summary, such as {@code network intel: 81234 range blocks, 1203 Tor exits, 2
   * MaxMind databases (3 entries skipped)}.
   */
  public String summary() {
    String text =
        "network intel: "
            + blockCount()
            + " range blocks, "
            + torExitCount()
            + " Tor exits, "
            + databaseCount()
            + " MaxMind databases";
    return problemCount == 0 ? text : text + " (" + problemCount + " entries skipped)";
  }

  /** Checks the invariants of the range tables; for tests. */
  void checkInvariant() {
    ipv4.checkInvariant();
    ipv6.checkInvariant();
  }
}
