package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AS and country features of the analytics, end to end: MaxMind DB files written by {@link
 * MmdbWriter}, read by {@code hunt --geoip}, learnt into {@code --state} on one day and judged on
 * the next.
 */
class HuntGeoipTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant DAY_1 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant DAY_2 = DAY_1.plus(Duration.ofDays(1));

  /** Alice's office: AS64500, Germany. */
  private static final String OFFICE = "198.51.100.10";

  /** Another /24 of the office's AS and country. */
  private static final String OFFICE_BRANCH = "198.51.101.20";

  /** A hosting provider: AS64501, France. */
  private static final String HOSTING = "203.0.113.9";

  @TempDir Path folder;

  private Path asn;
  private Path country;

  @BeforeEach
  void writeDatabases() throws IOException {
    asn =
        new MmdbWriter("GeoLite2-ASN")
            .network(
                "198.51.100.0/23",
                Map.of(
                    "autonomous_system_number",
                    64500L,
                    "autonomous_system_organization",
                    "Example Transit"))
            .network(
                "203.0.113.0/24",
                Map.of(
                    "autonomous_system_number",
                    64501L,
                    "autonomous_system_organization",
                    "Example Hosting"))
            .write(folder.resolve("asn.mmdb"));
    country =
        new MmdbWriter("GeoLite2-Country")
            .network("198.51.100.0/23", Map.of("country", Map.of("iso_code", "DE")))
            .network("203.0.113.0/24", Map.of("country", Map.of("iso_code", "FR")))
            .write(folder.resolve("country.mmdb"));
  }

  @Test
  void newAsAndCountry_reportedAfterSavedDay() throws IOException {
    Path state = folder.resolve("state");
    Path day1 = trail("day1.json", DAY_1, List.of(OFFICE));
    Path day2 = trail("day2.json", DAY_2, List.of(OFFICE, OFFICE_BRANCH, HOSTING));

    Cli.Result first = hunt(state, day1);
    Cli.Result second = hunt(state, day2);

    assertThat(first.exitCode()).as("%s", first).isZero();
    assertThat(first.err()).contains("2 MaxMind");
    assertThat(second.exitCode()).as("%s", second).isZero();
    List<String> features = newNetworkFeatures(second.out());
    assertThat(features)
        .contains(
            "network 198.51.101.0/24",
            "network 203.0.113.0/24",
            "asn AS64501 Example Hosting",
            "country FR");
    assertThat(features)
        .as("the office's AS and country are known from the saved day")
        .doesNotContain("asn AS64500 Example Transit", "country DE", "network 198.51.100.0/24");
    assertThat(Files.readString(state.resolve("analytics-state.json")))
        .contains("\"asn\":[[\"AS64500 Example Transit\"")
        .contains("[\"DE\",");
  }

  @Test
  void evidence_carriesAsAndCountry() throws IOException {
    // The Kali Linux user agent fires a built-in rule, so there is evidence to write.
    Path day1 = trail("day1.json", DAY_1, List.of(HOSTING), Trails.KALI_CLI);

    Cli.Result result =
        Cli.run(
            "hunt",
            "--geoip",
            asn.toString(),
            "--geoip",
            country.toString(),
            "-f",
            "ocsf",
            day1.toString());

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out())
        .contains("\"autonomous_system\":{\"number\":64501,\"name\":\"Example Hosting\"}")
        .contains("\"country\":\"FR\"");
  }

  private Cli.Result hunt(Path state, Path trail) {
    return Cli.run(
        "hunt",
        "--state",
        state.toString(),
        "--geoip",
        asn.toString(),
        "--geoip",
        country.toString(),
        "-f",
        "jsonl",
        trail.toString());
  }

  /** Returns "kind value" of every feature of the new-network findings. */
  private static List<String> newNetworkFeatures(String jsonLines) throws IOException {
    List<String> features = new ArrayList<>();
    for (String line : jsonLines.lines().toList()) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode finding = MAPPER.readTree(line);
      if (!finding.path("rule_id").asText().equals("skywarden-analytics-new-network")) {
        continue;
      }
      for (JsonNode feature : finding.path("behaviour").path("features")) {
        features.add(feature.path("kind").asText() + " " + feature.path("value").asText());
      }
    }
    return features;
  }

  /**
   * Writes a CloudTrail file of alice's read calls over one day: one call every 20 minutes, from
   * each source in turn.
   */
  private Path trail(String name, Instant day, List<String> sources) throws IOException {
    return trail(name, day, sources, Trails.PLAIN_CLI);
  }

  private Path trail(String name, Instant day, List<String> sources, String userAgent)
      throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode records = root.putArray("Records");
    for (int i = 0; i < 72; i++) {
      ObjectNode record = records.addObject();
      record.put("eventVersion", "1.09");
      record
          .putObject("userIdentity")
          .put("type", "IAMUser")
          .put("principalId", "AIDAALICE")
          .put("arn", "arn:aws:iam::111122223333:user/alice")
          .put("accountId", "111122223333")
          .put("accessKeyId", "AKIAALICE")
          .put("userName", "alice");
      record.put("eventTime", day.plus(Duration.ofMinutes(20L * i)).toString());
      record.put("eventSource", "ec2.amazonaws.com");
      record.put("eventName", "DescribeInstances");
      record.put("awsRegion", "eu-central-1");
      record.put("sourceIPAddress", sources.get(i % sources.size()));
      record.put("userAgent", userAgent);
      record.put("eventID", name + "-" + i);
      record.put("readOnly", true);
      record.put("eventType", "AwsApiCall");
      record.put("recipientAccountId", "111122223333");
    }
    Path file = folder.resolve(name);
    MAPPER.writeValue(file.toFile(), root);
    return file;
  }
}
