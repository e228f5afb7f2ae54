package dev.skywarden.core.netintel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.event.NetworkInfo;
import dev.skywarden.core.event.NetworkKind;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Network intel over the small range files written for these tests. */
class NetworkIntelTest {

  private static Path fixtures;
  private static NetworkIntel intel;

  @BeforeAll
  static void load() throws URISyntaxException, IOException {
    fixtures = Path.of(NetworkIntelTest.class.getResource("ranges").toURI()).getParent();
    intel =
        NetworkIntel.load(
            List.of(fixtures.resolve("ranges")),
            Optional.of(fixtures.resolve("tor-exits.txt")),
            List.of());
  }

  @Test
  void lookup_awsSpecificServiceWinsOverAmazon() {
    NetworkInfo info = intel.lookup("198.51.100.5");

    assertThat(info.kind()).isEqualTo(NetworkKind.CLOUD_PROVIDER);
    assertThat(info.provider()).isEqualTo("aws");
    assertThat(info.service()).isEqualTo("EC2");
    assertThat(info.region()).isEqualTo("eu-west-1");
    assertThat(info.isProvider(CloudProvider.AWS)).isTrue();
    assertThat(info.isProvider(CloudProvider.GCP)).isFalse();
    assertThat(info.label()).isEqualTo("aws EC2 eu-west-1");
  }

  @Test
  void lookup_nestedBlockIsMoreSpecific() {
    assertThat(intel.lookup("198.51.100.70").service()).isEqualTo("S3");
    assertThat(intel.lookup("198.51.100.200").service()).isEqualTo("AMAZON");
  }

  @Test
  void lookup_eachProviderFormat() {
    assertThat(intel.lookup("2001:db8:a0::5").provider()).isEqualTo("aws");
    assertThat(intel.lookup("203.0.113.9").provider()).isEqualTo("gcp");
    assertThat(intel.lookup("203.0.113.9").region()).isEqualTo("europe-west1");
    assertThat(intel.lookup("2001:db8:b000::1").region()).isEqualTo("us-central1");

    NetworkInfo azure = intel.lookup("192.0.2.40");
    assertThat(azure.provider()).isEqualTo("azure");
    assertThat(azure.service()).isEqualTo("AzureStorage");
    assertThat(azure.region()).isEqualTo("westeurope");
    assertThat(intel.lookup("192.0.2.1").service()).isNull();
    assertThat(intel.lookup("2001:db8:c000::1").provider()).isEqualTo("azure");

    NetworkInfo oracle = intel.lookup("192.0.2.130");
    assertThat(oracle.kind()).isEqualTo(NetworkKind.CLOUD_PROVIDER);
    assertThat(oracle.provider()).isEqualTo("oracle");
    assertThat(oracle.service()).isEqualTo("OCI");
    assertThat(oracle.kindFor(CloudProvider.AWS)).isEqualTo(NetworkKind.HOSTING);
    assertThat(intel.lookup("203.0.113.9").kindFor(CloudProvider.AWS))
        .isEqualTo(NetworkKind.CLOUD_PROVIDER);
  }

  @Test
  void lookup_geofeedIsHostingNamedByFile() {
    NetworkInfo digitalOcean = intel.lookup("203.0.113.130");
    assertThat(digitalOcean.kind()).isEqualTo(NetworkKind.HOSTING);
    assertThat(digitalOcean.provider()).isEqualTo("digitalocean");
    assertThat(digitalOcean.country()).isEqualTo("NL");
    assertThat(digitalOcean.region()).isEqualTo("NL-NH");
    assertThat(digitalOcean.label()).isEqualTo("hosting digitalocean NL-NH");

    NetworkInfo hoster = intel.lookup("203.0.113.200");
    assertThat(hoster.kind()).isEqualTo(NetworkKind.HOSTING);
    assertThat(hoster.provider()).isEqualTo("hoster-geofeed");
    assertThat(intel.lookup("2001:db8:d000::9").provider()).isEqualTo("digitalocean");
  }

  @Test
  void lookup_torExitKeepsProvider() {
    NetworkInfo onAws = intel.lookup("198.51.100.10");
    assertThat(onAws.kind()).isEqualTo(NetworkKind.TOR);
    assertThat(onAws.provider()).isEqualTo("aws");
    assertThat(onAws.isTor()).isTrue();
    assertThat(onAws.label()).startsWith("Tor exit aws");

    assertThat(intel.lookup("203.0.113.150").kind()).isEqualTo(NetworkKind.TOR);
    assertThat(intel.lookup("2001:db8:a0::1").kind()).isEqualTo(NetworkKind.TOR);
    assertThat(intel.lookup("2001:db8:a0::2").kind()).isEqualTo(NetworkKind.CLOUD_PROVIDER);
  }

  @Test
  void lookup_privateOtherAndUnknown() {
    assertThat(intel.lookup("10.0.0.1")).isEqualTo(NetworkInfo.PRIVATE);
    assertThat(intel.lookup("fd12::1").kind()).isEqualTo(NetworkKind.PRIVATE);
    assertThat(intel.lookup("8.8.8.8")).isEqualTo(NetworkInfo.OTHER);
    assertThat(intel.lookup("AWS Internal")).isEqualTo(NetworkInfo.UNKNOWN);
    assertThat(intel.lookup("")).isEqualTo(NetworkInfo.UNKNOWN);
    assertThat(intel.lookup((String) null)).isEqualTo(NetworkInfo.UNKNOWN);
    assertThat(intel.lookup("999.1.1.1")).isEqualTo(NetworkInfo.UNKNOWN);
    assertThat(NetworkInfo.OTHER.label()).isEmpty();
  }

  @Test
  void load_reportsBadEntriesWithPointerAndLine() {
    assertThat(intel.problems())
        .extracting(LoadProblem::message)
        .anySatisfy(
            message ->
                assertThat(message)
                    .endsWith(
                        "aws-ranges.json: /prefixes/4/ip_prefix: invalid IP address in prefix"
                            + " 'not-a-prefix'"))
        .anySatisfy(
            message ->
                assertThat(message)
                    .contains("digitalocean-geofeed.csv: line 3: invalid IP address in prefix"))
        .anySatisfy(
            message ->
                assertThat(message)
                    .endsWith("tor-exits.txt: line 5: not an IP address: 'not-an-address'"));
    assertThat(intel.problemCount()).isEqualTo(3);
    assertThat(intel.summary()).contains("3 entries skipped");
  }

  @Test
  void load_directoryIgnoresUnknownFiles() {
    assertThat(intel.sources())
        .anySatisfy(
            line -> assertThat(line).endsWith("README.txt: ignored, not a known range file"));
    assertThat(intel.sources())
        .anySatisfy(line -> assertThat(line).contains("azure ranges of azure"));
    assertThat(intel.torExitCount()).isEqualTo(3);
    intel.checkInvariant();
  }

  @Test
  void load_unknownFileByNameFails() {
    Path readme = fixtures.resolve("ranges/README.txt");

    assertThatThrownBy(() -> NetworkIntel.load(List.of(readme), Optional.empty(), List.of()))
        .isInstanceOf(NetworkIntelException.class)
        .hasMessageContaining("README.txt")
        .hasMessageContaining("not a known range file");
  }

  @Test
  void load_invalidJsonNamesLineAndColumn(@TempDir Path dir) throws IOException {
    Path broken = dir.resolve("ip-ranges.json");
    Files.writeString(
        broken, "{\n  \"prefixes\": [\n    {\"ip_prefix\": \"192.0.2.0/24\",,}\n  ]\n}\n");

    assertThatThrownBy(() -> NetworkIntel.load(List.of(broken), Optional.empty(), List.of()))
        .isInstanceOf(NetworkIntelException.class)
        .hasMessageContaining(broken.toString())
        .hasMessageContaining("invalid JSON at line 3");
  }

  @Test
  void load_missingFilesFail(@TempDir Path dir) {
    Path missing = dir.resolve("missing.json");

    assertThatThrownBy(() -> NetworkIntel.load(List.of(missing), Optional.empty(), List.of()))
        .hasMessageContaining(missing + ": not found");
    assertThatThrownBy(() -> NetworkIntel.load(List.of(), Optional.of(missing), List.of()))
        .hasMessageContaining(missing + ": not found");
    assertThatThrownBy(() -> NetworkIntel.load(List.of(), Optional.empty(), List.of(missing)))
        .hasMessageContaining(missing + ": not found");
  }

  @Test
  void load_torExitAddressesFormat() throws IOException {
    NetworkIntel tor =
        NetworkIntel.load(
            List.of(), Optional.of(fixtures.resolve("tor-exit-addresses.txt")), List.of());

    assertThat(tor.lookup("192.0.2.200").kind()).isEqualTo(NetworkKind.TOR);
    assertThat(tor.lookup("192.0.2.201").kind()).isEqualTo(NetworkKind.OTHER);
    assertThat(tor.problemCount()).isZero();
  }

  @Test
  void load_torListWithoutAddressesFails(@TempDir Path dir) throws IOException {
    Path empty = Files.writeString(dir.resolve("exits.txt"), "# nothing\n");

    assertThatThrownBy(() -> NetworkIntel.load(List.of(), Optional.of(empty), List.of()))
        .hasMessageContaining("exits.txt: no Tor exit address found");
  }

  @Test
  void load_notAMaxMindDatabaseFails() {
    Path notDb = fixtures.resolve("tor-exits.txt");

    assertThatThrownBy(() -> NetworkIntel.load(List.of(), Optional.empty(), List.of(notDb)))
        .isInstanceOf(NetworkIntelException.class)
        .hasMessageContaining("tor-exits.txt: not a readable MaxMind DB file");
  }

  @Test
  void empty_knowsNothing() {
    assertThat(NetworkIntel.EMPTY.lookup("198.51.100.5")).isEqualTo(NetworkInfo.OTHER);
    assertThat(NetworkIntel.EMPTY.lookup("10.0.0.1")).isEqualTo(NetworkInfo.PRIVATE);
  }
}
