package dev.skywarden.core.netintel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.NetworkInfo;
import dev.skywarden.core.event.NetworkKind;
import dev.skywarden.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Network intel over the providers' published range files, a Tor exit list and MaxMind's test
 * databases from the shared data folder; skipped with the reason when the folder is absent.
 */
class NetworkIntelSharedDataTest {

  @Test
  void publishedRanges_everyFileRecognised() throws IOException {
    Path ranges = SharedData.requireData("ip-ranges");
    Path tor = SharedData.requireData("tor/tor-exit-nodes.lst");

    NetworkIntel intel = NetworkIntel.load(List.of(ranges), Optional.of(tor), List.of());

    assertThat(intel.sources())
        .filteredOn(line -> line.contains("ignored"))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("SOURCE.txt"));
    assertThat(intel.problemCount()).isZero();
    assertThat(intel.torExitCount()).isGreaterThan(1000);
    intel.checkInvariant();

    NetworkInfo aws = intel.lookup("3.5.140.1");
    assertThat(aws.provider()).isEqualTo("aws");
    assertThat(aws.service()).isEqualTo("S3");
    assertThat(aws.region()).isEqualTo("ap-northeast-2");
    assertThat(intel.lookup("34.35.0.1").provider()).isEqualTo("gcp");
    assertThat(intel.lookup("34.35.0.1").region()).isEqualTo("africa-south1");
    assertThat(intel.lookup("4.145.74.53").provider()).isEqualTo("azure");
    assertThat(intel.lookup("129.80.0.1").provider()).isEqualTo("oracle");

    NetworkInfo digitalOcean = intel.lookup("5.101.96.1");
    assertThat(digitalOcean.kind()).isEqualTo(NetworkKind.HOSTING);
    assertThat(digitalOcean.provider()).isEqualTo("digitalocean");
    assertThat(digitalOcean.country()).isEqualTo("NL");
    NetworkInfo linode = intel.lookup("2600:3c00::1");
    assertThat(linode.kind()).isEqualTo(NetworkKind.HOSTING);
    assertThat(linode.provider()).isEqualTo("linode");

    assertThat(intel.lookup("101.99.92.179").kind()).isEqualTo(NetworkKind.TOR);
    assertThat(intel.lookup("2001:470:1:908::9001").kind()).isEqualTo(NetworkKind.TOR);
  }

  @Test
  void maxMindTestDatabases_asnCountryAnonymous() throws IOException {
    Path geo = SharedData.requireData("geoip-test");

    NetworkIntel intel =
        NetworkIntel.load(
            List.of(),
            Optional.empty(),
            List.of(
                geo.resolve("GeoLite2-ASN-Test.mmdb"),
                geo.resolve("GeoLite2-City-Test.mmdb"),
                geo.resolve("GeoIP2-Anonymous-IP-Test.mmdb")));

    assertThat(intel.databaseCount()).isEqualTo(3);
    NetworkInfo google = intel.lookup("1.0.0.1");
    assertThat(google.asn()).isEqualTo(15169L);
    assertThat(google.asOrganization()).isEqualTo("Google Inc.");
    assertThat(google.kind()).isEqualTo(NetworkKind.OTHER);
    assertThat(google.label()).isEqualTo("AS15169 Google Inc.");

    assertThat(intel.lookup("2.125.160.217").country()).isEqualTo("GB");
    assertThat(intel.lookup("1.2.0.1").anonymizer()).isEqualTo("vpn");
    assertThat(intel.lookup("1.124.213.1").kind()).isEqualTo(NetworkKind.TOR);
    assertThat(intel.lookup("71.160.223.1").kind()).isEqualTo(NetworkKind.HOSTING);
    assertThat(intel.lookup("192.0.2.1")).isEqualTo(NetworkInfo.OTHER);
  }
}
