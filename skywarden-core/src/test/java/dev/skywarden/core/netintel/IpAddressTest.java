package dev.skywarden.core.netintel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "192.0.2.1",
        "0.0.0.0",
        "255.255.255.255",
        "2001:db8::1",
        "::",
        "::1",
        "2001:db8:0:0:1:0:0:1",
        "fe80::1%eth0",
        "2001:db8::192.0.2.33",
        "2001:0db8:00a0:0000:0000:0000:0000:0001"
      })
  void parse_agreesWithJdk(String text) throws Exception {
    IpAddress parsed = IpAddress.parse(text);

    assertThat(parsed).isNotNull();
    String literal = text.contains("%") ? text.substring(0, text.indexOf('%')) : text;
    assertThat(parsed.toInetAddress()).isEqualTo(InetAddress.getByName(literal));
    assertThat(IpAddress.of(InetAddress.getByName(literal))).isEqualTo(parsed);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "192.0.2",
        "192.0.2.1.5",
        "192.0.2.256",
        "192.0.2.1234",
        "1..2.3",
        "AWS Internal",
        "ssm.amazonaws.com",
        "2001:db8::1::2",
        "2001:db8:::1",
        ":1",
        "1:",
        "1:2:3:4:5:6:7:8:9",
        "12345::1",
        "2001:db8::g",
        "1:2:3:4:5:6:7:192.0.2.1"
      })
  void parse_rejectsNonLiterals(String text) {
    assertThat(IpAddress.parse(text)).isNull();
  }

  @Test
  void parse_readsLeadingZerosAsDecimal() {
    assertThat(IpAddress.parse("203.0.113.07")).isEqualTo(IpAddress.parse("203.0.113.7"));
  }

  @Test
  void parse_mapsIpv4MappedToIpv4() {
    assertThat(IpAddress.parse("::ffff:192.0.2.1")).isEqualTo(IpAddress.parse("192.0.2.1"));
  }

  @ParameterizedTest
  @CsvSource({
    "10.1.2.3, true",
    "172.16.0.1, true",
    "172.32.0.1, false",
    "192.168.1.1, true",
    "127.0.0.1, true",
    "169.254.169.254, true",
    "100.64.0.1, true",
    "100.128.0.1, false",
    "8.8.8.8, false",
    "::1, true",
    "fd00::1, true",
    "fe80::1, true",
    "2001:db8::1, false"
  })
  void isPrivate_byRange(String text, boolean expected) {
    assertThat(IpAddress.parse(text).isPrivate()).isEqualTo(expected);
  }

  @Test
  void prefix_clearsHostBits() {
    IpPrefix prefix = IpPrefix.parse("198.51.100.77/24");

    assertThat(prefix.first()).isEqualTo(IpAddress.parse("198.51.100.0"));
    assertThat(prefix.last()).isEqualTo(IpAddress.parse("198.51.100.255"));
    assertThat(prefix.toString()).isEqualTo("198.51.100.0/24");
  }

  @Test
  void prefix_ipv6AcrossHalves() {
    IpPrefix prefix = IpPrefix.parse("2001:db8::/72");

    assertThat(prefix.first()).isEqualTo(IpAddress.parse("2001:db8::"));
    assertThat(prefix.last()).isEqualTo(IpAddress.parse("2001:db8::ff:ffff:ffff:ffff"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"198.51.100.0/33", "198.51.100.0/x", "2001:db8::/129", "host/24"})
  void prefix_rejectsInvalid(String text) {
    assertThatThrownBy(() -> IpPrefix.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text);
  }

  @Test
  void networkKey_ipv4Slash24AndIpv6Slash48() {
    assertThat(NetworkKey.parse("198.51.100.7")).isEqualTo(NetworkKey.parse("198.51.100.250"));
    assertThat(NetworkKey.parse("198.51.100.7")).isNotEqualTo(NetworkKey.parse("198.51.101.7"));
    assertThat(NetworkKey.parse("198.51.100.7").toString()).isEqualTo("198.51.100.0/24");
    assertThat(NetworkKey.parse("2001:db8:1:2::1"))
        .isEqualTo(NetworkKey.parse("2001:db8:1:ffff::9"));
    assertThat(NetworkKey.parse("2001:db8:1::1")).isNotEqualTo(NetworkKey.parse("2001:db8:2::1"));
    assertThat(NetworkKey.parse("2001:db8:1::1").toString()).isEqualTo("2001:db8:1::/48");
    assertThat(NetworkKey.parse("AWS Internal")).isNull();
  }
}
