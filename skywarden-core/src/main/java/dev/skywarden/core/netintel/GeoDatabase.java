package dev.skywarden.core.netintel;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import dev.skywarden.core.event.NetworkInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * One MaxMind DB file (the format of GeoLite2 and GeoIP2): an ASN, ISP, Country, City or Anonymous
 * IP database, chosen by the database type in its metadata.
 *
 * <p>The file is read into memory when opened, so nothing stays open afterwards. The MaxMind {@link
 * Reader} is thread-safe, and so is this class.
 */
final class GeoDatabase {

  /** The data a database contributes to a {@link NetworkInfo}. */
  enum Content {
    /** {@code autonomous_system_number} and {@code autonomous_system_organization}. */
    ASN,
    /** {@code country.iso_code}, else {@code registered_country.iso_code}. */
    COUNTRY,
    /**
     * {@code is_anonymous_vpn}, {@code is_tor_exit_node}, {@code is_hosting_provider} and others.
     */
    ANONYMOUS_IP
  }

  /** The fields of one address that the databases know; any may be null. */
  record Facts(Long asn, String asOrganization, String country, String anonymizer, boolean tor) {
    static final Facts NONE = new Facts(null, null, null, null, false);

    Facts merge(Facts other) {
      return new Facts(
          asn != null ? asn : other.asn,
          asOrganization != null ? asOrganization : other.asOrganization,
          country != null ? country : other.country,
          anonymizer != null ? anonymizer : other.anonymizer,
          tor || other.tor);
    }
  }

  private final Path file;
  private final Reader reader;
  private final Content content;

  private GeoDatabase(Path file, Reader reader, Content content) {
    this.file = file;
    this.reader = reader;
    this.content = content;
  }

  /**
   * Opens a database file.
   *
   * @throws NetworkIntelException when the file cannot be read, is not a MaxMind DB, or is of a
   *     database type without ASN, country or anonymous-network data
   */
  static GeoDatabase open(Path file) throws NetworkIntelException {
    Reader reader;
    try {
      reader = new Reader(file.toFile(), Reader.FileMode.MEMORY, new CHMCache());
    } catch (IOException | RuntimeException e) {
      throw new NetworkIntelException(file, "not a readable MaxMind DB file: " + e.getMessage(), e);
    }
    String type = reader.getMetadata().getDatabaseType();
    String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
    Content content;
    if (lower.contains("anonymous")) {
      content = Content.ANONYMOUS_IP;
    } else if (lower.contains("asn") || lower.contains("isp")) {
      content = Content.ASN;
    } else if (lower.contains("country") || lower.contains("city")) {
      content = Content.COUNTRY;
    } else {
      throw new NetworkIntelException(
          file,
          "unsupported MaxMind database type '"
              + type
              + "': expected an ASN, ISP, Country, City or Anonymous IP database");
    }
    return new GeoDatabase(file, reader, content);
  }

  /** Returns what this database contributes. */
  Content content() {
    return content;
  }

  /** Returns the database type from the metadata, such as {@code GeoLite2-ASN}. */
  String databaseType() {
    return reader.getMetadata().getDatabaseType();
  }

  /**
   * Looks up an address; returns {@link Facts#NONE} when the database has no record for it or the
   * record cannot be decoded (a damaged database), which is logged at debug level.
   */
  Facts lookup(InetAddress address) {
    Map<?, ?> record;
    try {
      record = reader.get(address, Map.class);
    } catch (IOException | RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(GeoDatabase.class)
          .debug("lookup of {} in {} failed: {}", address, file, e.toString());
      return Facts.NONE;
    }
    if (record == null) {
      return Facts.NONE;
    }
    return switch (content) {
      case ASN -> asnFacts(record);
      case COUNTRY -> {
        String country = isoCode(record.get("country"));
        yield new Facts(
            null,
            null,
            country != null ? country : isoCode(record.get("registered_country")),
            null,
            false);
      }
      case ANONYMOUS_IP ->
          new Facts(null, null, null, anonymizer(record), flag(record, "is_tor_exit_node"));
    };
  }

  private static Facts asnFacts(Map<?, ?> record) {
    Object number = record.get("autonomous_system_number");
    Object organisation = record.get("autonomous_system_organization");
    return new Facts(
        number instanceof Number n ? n.longValue() : null,
        organisation instanceof String s ? s : null,
        null,
        null,
        false);
  }

  private static String isoCode(Object country) {
    if (country instanceof Map<?, ?> map && map.get("iso_code") instanceof String code) {
      return code;
    }
    return null;
  }

  private static String anonymizer(Map<?, ?> record) {
    if (flag(record, "is_anonymous_vpn")) {
      return "vpn";
    }
    if (flag(record, "is_public_proxy")) {
      return "public proxy";
    }
    if (flag(record, "is_residential_proxy")) {
      return "residential proxy";
    }
    if (flag(record, "is_hosting_provider")) {
      return "hosting";
    }
    if (flag(record, "is_anonymous")) {
      return "anonymous";
    }
    return null;
  }

  private static boolean flag(Map<?, ?> record, String name) {
    return Boolean.TRUE.equals(record.get(name));
  }

  @Override
  public String toString() {
    return file + " (" + databaseType() + ")";
  }
}
