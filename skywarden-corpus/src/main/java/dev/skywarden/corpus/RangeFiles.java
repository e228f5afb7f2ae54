package dev.skywarden.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the address ranges of {@link Networks} as the providers publish theirs, so that {@code
 * hunt --ip-ranges} can place every generated source address: the AWS, Azure and Google Cloud
 * ranges as AWS {@code ip-ranges.json}, Azure service tags and Google Cloud {@code cloud.json}, and
 * each hosting provider's ranges as an RFC 8805 geofeed named after the provider.
 *
 * <p>The files hold only the generator's own ranges, not the providers' real lists. The geofeeds
 * leave country, region, city and postal code empty (RFC 8805 allows empty fields), because the
 * generator does not place its hosting ranges anywhere. Stateless and thread-safe.
 */
final class RangeFiles {

  /** The folder under the corpus output that contains the range files. */
  static final String FOLDER = "ip-ranges";

  private static final DateTimeFormatter AWS_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter GOOGLE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

  private RangeFiles() {}

  /**
   * Writes the range files into {@code folder}, dated {@code published} so that the same options
   * give the same bytes.
   *
   * @return the files written, in the order written
   * @throws IOException when a file cannot be written
   */
  static List<Path> write(Path folder, Instant published) throws IOException {
    Files.createDirectories(folder);
    List<Path> written = new ArrayList<>();
    written.add(write(folder.resolve("aws-ip-ranges.json"), Json.bytes(aws(published))));
    written.add(write(folder.resolve("gcp-cloud.json"), Json.bytes(google(published))));
    written.add(write(folder.resolve("azure-service-tags.json"), Json.bytes(azure())));

    Map<String, List<AddressRange>> hosting = new TreeMap<>();
    for (AddressRange range : Networks.HOSTING) {
      hosting.computeIfAbsent(Networks.hostingProvider(range), k -> new ArrayList<>()).add(range);
    }
    for (Map.Entry<String, List<AddressRange>> provider : hosting.entrySet()) {
      StringBuilder feed = new StringBuilder();
      feed.append("# RFC 8805 geofeed of the corpus generator's ")
          .append(provider.getKey())
          .append(" ranges: prefix,country,region,city,postal code\n");
      for (AddressRange range : provider.getValue()) {
        feed.append(range.cidr()).append(",,,,\n");
      }
      written.add(
          write(
              folder.resolve(provider.getKey() + ".csv"),
              feed.toString().getBytes(StandardCharsets.UTF_8)));
    }
    return written;
  }

  private static Path write(Path file, byte[] content) throws IOException {
    Files.write(file, content);
    return file;
  }

  /**
   * AWS {@code ip-ranges.json}: each region's prefix under the generic {@code AMAZON} service and
   * again under {@code EC2}, as the published file lists EC2 addresses.
   */
  private static Map<String, Object> aws(Instant published) {
    List<Object> prefixes = new ArrayList<>();
    for (Map.Entry<String, AddressRange> region : new TreeMap<>(Networks.AWS_REGIONS).entrySet()) {
      for (String service : List.of("AMAZON", "EC2")) {
        prefixes.add(
            Json.obj(
                "ip_prefix", region.getValue().cidr(),
                "region", region.getKey(),
                "service", service,
                "network_border_group", region.getKey()));
      }
    }
    return Json.obj(
        "syncToken", String.valueOf(published.getEpochSecond()),
        "createDate", AWS_DATE.format(published),
        "prefixes", prefixes,
        "ipv6_prefixes", List.of());
  }

  /** Google Cloud {@code cloud.json}: the customer-usable ranges by scope (region). */
  private static Map<String, Object> google(Instant published) {
    return Json.obj(
        "syncToken", String.valueOf(published.toEpochMilli()),
        "creationTime", GOOGLE_TIME.format(published),
        "prefixes",
            List.of(
                Json.obj(
                    "ipv4Prefix",
                    Networks.GCP.cidr(),
                    "service",
                    "Google Cloud",
                    "scope",
                    Networks.GCP_REGION)));
  }

  /** Azure service tags: one regional {@code AzureCloud} tag. */
  private static Map<String, Object> azure() {
    String tag = "AzureCloud." + Networks.AZURE_REGION;
    return Json.obj(
        "changeNumber",
        1,
        "cloud",
        "Public",
        "values",
        List.of(
            Json.obj(
                "name",
                tag,
                "id",
                tag,
                "properties",
                Json.obj(
                    "changeNumber",
                    1,
                    "region",
                    Networks.AZURE_REGION,
                    "regionId",
                    1,
                    "platform",
                    "Azure",
                    "systemService",
                    "",
                    "addressPrefixes",
                    List.of(Networks.AZURE.cidr()),
                    "networkFeatures",
                    List.of("API", "NSG", "UDR", "FW")))));
  }
}
