package dev.skywarden.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.SourceAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceAddressesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "198.51.100.4, 198.51.100.4",
    "203.0.113.07, 203.0.113.7",
    "253.252.51.07, 253.252.51.7",
    "010.001.000.009, 10.1.0.9",
    "0.0.0.0, 0.0.0.0",
    "255.255.255.255, 255.255.255.255",
    "8.8.8.8:45123, 8.8.8.8",
    "2001:db8::1, 2001:db8::1",
    "[2001:db8::2]:443, 2001:db8::2",
    "2001:DB8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:db8:0000:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "fe80:0:0:0:0:0:0:0, fe80::",
    "::1, ::1",
    "::, ::",
    "::ffff:192.0.2.1, 192.0.2.1"
  })
  void parse_ipLiterals(String text, String expected) {
    SourceAddress address = SourceAddresses.parse(text);

    assertThat(address.isIp()).isTrue();
    assertThat(address.text()).isEqualTo(expected);
    assertThat(address.name()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "AWS Internal",
        "ssm.amazonaws.com",
        "gce-internal-ip",
        "private",
        "256.1.1.1",
        "1.2.3",
        "1.2.3.4.",
        ".1.2.3",
        "1..2.3",
        "1.2.3.1234",
        "1.2.3.-4",
        "1.2.3.256",
        "cafe:beef:zz::1"
      })
  void parse_nonLiteralsStayNames(String text) {
    SourceAddress address = SourceAddresses.parse(text);

    assertThat(address.isIp()).isFalse();
    assertThat(address.name()).isEqualTo(text);
  }

  @Test
  void parse_hostNameIsNotResolved() {
    // A DNS or hosts-file lookup would turn localhost into 127.0.0.1.
    SourceAddress address = SourceAddresses.parse("localhost");

    assertThat(address.ip()).isNull();
    assertThat(address.name()).isEqualTo("localhost");
  }

  @Test
  void parse_blankIsNone() {
    assertThat(SourceAddresses.parse(null)).isEqualTo(SourceAddress.NONE);
    assertThat(SourceAddresses.parse("  ")).isEqualTo(SourceAddress.NONE);
  }
}
