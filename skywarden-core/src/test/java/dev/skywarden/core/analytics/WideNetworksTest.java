package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Interner;
import dev.skywarden.core.event.NetworkInfo;
import dev.skywarden.core.event.NetworkKind;
import dev.skywarden.core.finding.TestHits;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table of wide networks against building and interning each one. */
class WideNetworksTest {

  private static final NetworkInfo AWS_RANGE =
      new NetworkInfo(
          NetworkKind.CLOUD_PROVIDER, "aws", "EC2", "us-east-1", null, null, null, null);

  @Test
  void of_sameValueAndInstanceAsInterning() {
    Interner interner = new Interner();
    WideNetworks table = new WideNetworks(interner);
    List<String> addresses =
        List.of("203.0.113.7", "203.0.5.1", "203.1.113.7", "10.0.0.1", "255.255.0.1", "0.0.0.0");
    List<String> ipv6 = List.of("2001:db8:a:b::1", "2001:db8:ffff::2");

    for (int pass = 1; pass <= 2; pass++) {
      for (String address : concat(addresses, ipv6)) {
        CloudEvent event = TestHits.event("alice", 0, 1, "AKIAEXAMPLE", address, "ListUsers");
        InetAddress ip = event.source().ip();
        String expected = Profile.wideNetwork(event, ip);

        String value = table.of(event, ip);

        assertThat(value).as("pass " + pass + ": " + address).isEqualTo(expected);
        assertThat(value).as("shared instance of " + address).isSameAs(interner.intern(expected));
      }
    }
  }

  @Test
  void of_ownCloudRangesAreOneNetwork() {
    Interner interner = new Interner();
    WideNetworks table = new WideNetworks(interner);
    CloudEvent plain = TestHits.event("alice", 0, 1, "AKIAEXAMPLE", "3.5.140.2", "ListUsers");
    CloudEvent inRange = plain.withSource(plain.source().withNetwork(AWS_RANGE));

    assertThat(table.of(inRange, inRange.source().ip())).isEqualTo("aws ranges");
    assertThat(table.of(plain, plain.source().ip())).isEqualTo("3.5.0.0/16");
    assertThat(table.of(inRange, inRange.source().ip())).isEqualTo("aws ranges");
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
  }
}
