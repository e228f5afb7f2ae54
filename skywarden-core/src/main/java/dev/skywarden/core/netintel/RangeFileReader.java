package dev.skywarden.core.netintel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.event.NetworkInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one published range file into CIDR blocks with their {@link NetworkInfo}, recognising the
 * format by content ({@link RangeFormat}).
 *
 * <p>An entry whose prefix is invalid is skipped and reported as a {@link LoadProblem} with its
 * JSON Pointer or line; a file that is not JSON or a geofeed, or is JSON of no known format, raises
 * {@link NetworkIntelException}. Stateless and thread-safe.
 */
final class RangeFileReader {

  /** The largest range file read; the largest published file (Azure) is a few MiB. */
  static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The blocks of one file. */
  record RangeFile(
      Path file,
      RangeFormat format,
      String provider,
      List<PrefixTable.Block<NetworkInfo>> blocks,
      List<LoadProblem> problems) {}

  /**
   * Reads a range file.
   *
   * @return the blocks, or {@code null} when the content is of no known format
   * @throws NetworkIntelException when the file cannot be read, is too large, or is invalid JSON
   */
  RangeFile read(Path file) throws NetworkIntelException {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new NetworkIntelException(
            file, "file too large for a range file: " + size + " bytes, at most " + MAX_FILE_BYTES);
      }
      if (startsWithBrace(file)) {
        return readJson(file);
      }
      return readGeofeed(file);
    } catch (NetworkIntelException e) {
      throw e;
    } catch (IOException e) {
      throw new NetworkIntelException(file, "failed to read: " + e.getMessage(), e);
    }
  }

  private static boolean startsWithBrace(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      int c;
      do {
        c = in.read();
      } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xef || c == 0xbb
          || c == 0xbf);
      return c == '{';
    }
  }

  private RangeFile readJson(Path file) throws IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new NetworkIntelException(
          file,
          "invalid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage(),
          e);
    }
    RangeFormat format = RangeFormat.ofJson(root);
    if (format == null) {
      return null;
    }
    Blocks blocks = new Blocks(file, format, format.provider());
    switch (format) {
      case AWS -> readAws(root, blocks);
      case GOOGLE_CLOUD, GOOGLE -> readGoogle(root, blocks);
      case AZURE -> readAzure(root, blocks);
      case ORACLE -> readOracle(root, blocks);
      case GEOFEED -> throw new IllegalStateException("a geofeed is not JSON");
    }
    return blocks.toFile();
  }

  private static void readAws(JsonNode root, Blocks blocks) {
    for (String list : List.of("prefixes", "ipv6_prefixes")) {
      String field = list.equals("prefixes") ? "ip_prefix" : "ipv6_prefix";
      JsonNode entries = root.path(list);
      for (int i = 0; i < entries.size(); i++) {
        JsonNode entry = entries.get(i);
        blocks.add(
            "/" + list + "/" + i + "/" + field,
            text(entry, field),
            text(entry, "service"),
            text(entry, "region"),
            null);
      }
    }
  }

  private static void readGoogle(JsonNode root, Blocks blocks) {
    JsonNode entries = root.path("prefixes");
    for (int i = 0; i < entries.size(); i++) {
      JsonNode entry = entries.get(i);
      String field = entry.has("ipv4Prefix") ? "ipv4Prefix" : "ipv6Prefix";
      blocks.add(
          "/prefixes/" + i + "/" + field,
          text(entry, field),
          text(entry, "service"),
          text(entry, "scope"),
          null);
    }
  }

  private static void readAzure(JsonNode root, Blocks blocks) {
    JsonNode values = root.path("values");
    for (int i = 0; i < values.size(); i++) {
      JsonNode properties = values.get(i).path("properties");
      JsonNode prefixes = properties.path("addressPrefixes");
      for (int j = 0; j < prefixes.size(); j++) {
        blocks.add(
            "/values/" + i + "/properties/addressPrefixes/" + j,
            prefixes.get(j).asText(null),
            text(properties, "systemService"),
            text(properties, "region"),
            null);
      }
    }
  }

  private static void readOracle(JsonNode root, Blocks blocks) {
    JsonNode regions = root.path("regions");
    for (int i = 0; i < regions.size(); i++) {
      JsonNode region = regions.get(i);
      JsonNode cidrs = region.path("cidrs");
      for (int j = 0; j < cidrs.size(); j++) {
        JsonNode cidr = cidrs.get(j);
        JsonNode tags = cidr.path("tags");
        String service = tags.isArray() && !tags.isEmpty() ? tags.get(0).asText(null) : null;
        blocks.add(
            "/regions/" + i + "/cidrs/" + j + "/cidr",
            text(cidr, "cidr"),
            service,
            text(region, "region"),
            null);
      }
    }
  }

  /**
   * Reads an RFC 8805 geofeed: {@code prefix,country,region,city,postal code} per line, {@code #}
   * comments. The file is a geofeed when its first data line starts with a valid prefix.
   */
  private static RangeFile readGeofeed(Path file) throws IOException {
    Blocks blocks = new Blocks(file, RangeFormat.GEOFEED, geofeedProvider(file));
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      String line;
      int lineNumber = 0;
      boolean recognised = false;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        String trimmed = line.strip();
        if (lineNumber == 1 && trimmed.startsWith("\ufeff")) {
          trimmed = trimmed.substring(1);
        }
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] fields = trimmed.split(",", -1);
        if (!recognised) {
          if (fields.length < 2 || !isPrefix(fields[0])) {
            return null;
          }
          recognised = true;
        }
        String country = fields.length > 1 ? emptyToNull(fields[1].strip()) : null;
        String region = fields.length > 2 ? emptyToNull(fields[2].strip()) : null;
        blocks.add("line " + lineNumber, fields[0], null, region, country);
      }
      return recognised ? blocks.toFile() : null;
    }
  }

  private static boolean isPrefix(String text) {
    try {
      IpPrefix.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Returns the provider of a geofeed from its file name, since the feed itself does not name it:
   * {@code digitalocean} or {@code linode} (also for {@code akamai}) when the name contains them,
   * else the lower-case name up to its first dot.
   */
  static String geofeedProvider(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.contains("digitalocean")) {
      return "digitalocean";
    }
    if (name.contains("linode") || name.contains("akamai")) {
      return "linode";
    }
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isValueNode() ? null : emptyToNull(value.asText());
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  /** Collects the blocks of one file and the entries skipped. */
  private static final class Blocks {
    private final Path file;
    private final RangeFormat format;
    private final String provider;
    private final List<PrefixTable.Block<NetworkInfo>> blocks = new ArrayList<>();
    private final List<LoadProblem> problems = new ArrayList<>();
    // Many blocks share one service and region, so they share one NetworkInfo instance.
    private final Map<NetworkInfo, NetworkInfo> interned = new HashMap<>();

    Blocks(Path file, RangeFormat format, String provider) {
      this.file = file;
      this.format = format;
      this.provider = provider;
    }

    void add(String where, String prefixText, String service, String region, String country) {
      if (prefixText == null) {
        problems.add(new LoadProblem(file, where, "missing prefix"));
        return;
      }
      IpPrefix prefix;
      try {
        prefix = IpPrefix.parse(prefixText);
      } catch (IllegalArgumentException e) {
        problems.add(new LoadProblem(file, where, e.getMessage()));
        return;
      }
      NetworkInfo info =
          new NetworkInfo(format.kind(), provider, service, region, null, null, country, null);
      blocks.add(new PrefixTable.Block<>(prefix, interned.computeIfAbsent(info, key -> key)));
    }

    RangeFile toFile() {
      return new RangeFile(file, format, provider, blocks, problems);
    }
  }
}
