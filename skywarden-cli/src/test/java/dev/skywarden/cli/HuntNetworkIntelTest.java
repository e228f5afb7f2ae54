package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.report.OcsfSchemaValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks {@code hunt --ip-ranges}, {@code --tor-exits} and {@code --geoip} on the example logs. */
class HuntNetworkIntelTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path temp;
  private Path ranges;
  private Path tor;

  /**
   * Writes intel for the example attackers: 203.0.113.0/26 (203.0.113.47) as a hoster's geofeed,
   * 3.208.17.0/24 as AWS CloudShell's EC2 range, and 203.0.113.121 as a Tor exit.
   */
  @BeforeEach
  void writeIntel() throws IOException {
    ranges = Files.createDirectories(temp.resolve("ranges"));
    Files.writeString(ranges.resolve("digitalocean.csv"), "203.0.113.0/26,NL,NL-NH,Amsterdam,\n");
    Files.writeString(
        ranges.resolve("ip-ranges.json"),
        "{\"syncToken\":\"1\",\"prefixes\":[{\"ip_prefix\":\"3.208.17.0/24\","
            + "\"region\":\"us-east-1\",\"service\":\"EC2\"}],\"ipv6_prefixes\":[]}");
    tor = Files.writeString(temp.resolve("exits.txt"), "203.0.113.121\n");
  }

  private List<JsonNode> findings(Cli.Result result) throws IOException {
    List<JsonNode> findings = new ArrayList<>();
    for (String line : result.out().lines().toList()) {
      findings.add(MAPPER.readTree(line));
    }
    return findings;
  }

  private static List<String> networkLabels(List<JsonNode> findings, String principal) {
    List<String> labels = new ArrayList<>();
    for (JsonNode finding : findings) {
      if (finding.get("principal").asText().equals(principal)) {
        for (JsonNode evidence : finding.get("evidence")) {
          labels.add(evidence.path("network").path("label").asText("<none>"));
        }
      }
    }
    return labels;
  }

  @Test
  void jsonl_evidenceCarriesNetwork() throws IOException {
    Cli.Result result =
        Cli.run(
            "hunt",
            "--format",
            "jsonl",
            "--ip-ranges",
            ranges.toString(),
            "--tor-exits",
            tor.toString(),
            Cli.EXAMPLES);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err()).contains("network intel: 2 range blocks, 1 Tor exits");
    List<JsonNode> findings = findings(result);
    assertThat(networkLabels(findings, "arn:aws:iam::111122223333:user/ci-legacy"))
        .isNotEmpty()
        .containsOnly("hosting digitalocean NL-NH");
    assertThat(networkLabels(findings, "ci-deployer@skywarden-demo-prod.iam.gserviceaccount.com"))
        .isNotEmpty()
        .containsOnly("Tor exit");
    // Dana's addresses are public but in no loaded range: network present, label empty.
    assertThat(networkLabels(findings, "dana.ops@contoso.example")).isNotEmpty().containsOnly("");
  }

  @Test
  void jsonl_withoutIntelHasNoNetwork() throws IOException {
    Cli.Result result = Cli.run("hunt", "--format", "jsonl", Cli.EXAMPLES);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    for (JsonNode finding : findings(result)) {
      for (JsonNode evidence : finding.get("evidence")) {
        assertThat(evidence.has("network")).as("evidence %s", evidence).isFalse();
      }
    }
  }

  @Test
  void table_showsNetworkBesideSource() {
    Cli.Result result =
        Cli.run(
            "hunt",
            "--color",
            "never",
            "--tor-exits",
            tor.toString(),
            "--ip-ranges",
            ranges.toString(),
            Cli.EXAMPLES);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("203.0.113.121 (Tor exit)");
  }

  @Test
  void ocsf_networkFieldsValidAgainstSchema() throws IOException {
    Path schema = HuntFormatTest.sharedDirectory().resolve("reference/ocsf-schema");
    assumeTrue(
        Files.isDirectory(schema),
        "OCSF schema not present, test skipped: " + schema.toAbsolutePath());

    Cli.Result result =
        Cli.run("hunt", "--format", "ocsf", "--tor-exits", tor.toString(), Cli.EXAMPLES);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("\"label\":\"Tor exit\"");
    assertThat(new OcsfSchemaValidator(schema).validateLines(result.out(), "detection_finding"))
        .isEmpty();
  }

  /**
   * Writes one EC2 instance role session call from 3.208.17.9, an AWS address that the AWS range
   * file of {@link #writeIntel} contains.
   */
  private Path instanceSessionFromAws() throws IOException {
    String record =
        "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-01-05T10:00:00Z\","
            + "\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"DescribeInstances\","
            + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"3.208.17.9\","
            + "\"userAgent\":\"aws-sdk-go/1.44.0\",\"eventID\":\"e-1\","
            + "\"recipientAccountId\":\"111122223333\",\"userIdentity\":{"
            + "\"type\":\"AssumedRole\",\"principalId\":\"AROAEXAMPLE:i-0abc1234def567890\","
            + "\"arn\":\"arn:aws:sts::111122223333:assumed-role/web/i-0abc1234def567890\","
            + "\"accountId\":\"111122223333\",\"accessKeyId\":\"ASIAEXAMPLE1\"}}";
    return Files.writeString(temp.resolve("instance.json"), "{\"Records\":[" + record + "]}");
  }

  @Test
  void workloadCredential_awsRangesLoaded_quietInsideAws() throws IOException {
    Path logs = instanceSessionFromAws();

    Cli.Result result =
        Cli.run(
            "hunt",
            "--analytics",
            "--format",
            "jsonl",
            "--ip-ranges",
            ranges.toString(),
            "" + logs);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).doesNotContain("skywarden-analytics-workload-credential-elsewhere");
  }

  @Test
  void workloadCredential_onlyTorList_notOutsideRanges() throws IOException {
    // Without AWS's range file nothing tells that 3.208.17.9 belongs to AWS.
    Path logs = instanceSessionFromAws();

    Cli.Result result =
        Cli.run(
            "hunt", "--analytics", "--format", "jsonl", "--tor-exits", tor.toString(), "" + logs);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).doesNotContain("outside the published ranges");
  }

  @Test
  void badRangeFile_usageErrorNamingFile() throws IOException {
    Path bad = Files.writeString(temp.resolve("ranges.txt"), "this is not a range file\n");

    Cli.Result result = Cli.run("hunt", "--ip-ranges", bad.toString(), Cli.EXAMPLES);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(result.err()).contains(bad + ": not a known range file");
  }

  @Test
  void missingGeoipFile_usageError() {
    Path missing = temp.resolve("GeoLite2-ASN.mmdb");

    Cli.Result result = Cli.run("hunt", "--geoip", missing.toString(), Cli.EXAMPLES);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(result.err()).contains(missing + ": not found");
  }
}
