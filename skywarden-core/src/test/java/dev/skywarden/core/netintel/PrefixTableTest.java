package dev.skywarden.core.netintel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrefixTableTest {

  private static PrefixTable.Block<String> block(String prefix) {
    return new PrefixTable.Block<>(IpPrefix.parse(prefix), prefix);
  }

  private static String find(PrefixTable<String> table, String address) {
    IpAddress ip = IpAddress.parse(address);
    return table.find(ip.high(), ip.low());
  }

  @Test
  void find_mostSpecificNestedBlock() {
    PrefixTable<String> table =
        PrefixTable.build(
            List.of(
                block("10.0.0.0/8"),
                block("10.1.0.0/16"),
                block("10.1.2.0/24"),
                block("10.1.4.0/24"),
                block("10.0.0.0/16"),
                block("11.0.0.0/8")),
            (a, b) -> a + "+" + b);
    table.checkInvariant();

    assertThat(find(table, "10.1.2.3")).isEqualTo("10.1.2.0/24");
    assertThat(find(table, "10.1.3.3")).isEqualTo("10.1.0.0/16");
    assertThat(find(table, "10.1.5.0")).isEqualTo("10.1.0.0/16");
    assertThat(find(table, "10.0.9.9")).isEqualTo("10.0.0.0/16");
    assertThat(find(table, "10.200.0.1")).isEqualTo("10.0.0.0/8");
    assertThat(find(table, "11.255.255.255")).isEqualTo("11.0.0.0/8");
    assertThat(find(table, "9.255.255.255")).isNull();
    assertThat(find(table, "12.0.0.0")).isNull();
  }

  @Test
  void build_mergesEqualPrefixesInOrder() {
    PrefixTable<String> table =
        PrefixTable.build(
            List.of(block("192.0.2.0/24"), block("192.0.2.7/24")), (a, b) -> a + "|" + b);

    assertThat(table.size()).isEqualTo(1);
    assertThat(find(table, "192.0.2.1")).isEqualTo("192.0.2.0/24|192.0.2.7/24");
  }

  @Test
  void find_ipv6UnsignedOrder() {
    PrefixTable<String> table =
        PrefixTable.build(
            List.of(block("2001:db8::/32"), block("ff00::/8"), block("2001:db8:8000::/33")),
            (a, b) -> a);
    table.checkInvariant();

    assertThat(find(table, "ff02::1")).isEqualTo("ff00::/8");
    assertThat(find(table, "2001:db8:ffff::1")).isEqualTo("2001:db8:8000::/33");
    assertThat(find(table, "2001:db8:1::1")).isEqualTo("2001:db8::/32");
    assertThat(find(table, "2001:db9::")).isNull();
  }

  /** Compares the table with a linear longest-prefix scan over random nested blocks. */
  @Test
  void find_agreesWithLinearScan() {
    Random random = new Random(42);
    List<PrefixTable.Block<String>> blocks = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int length = 8 + random.nextInt(25);
      long address = (random.nextLong() & 0x00ff_ffffL) | 0x0a00_0000L;
      blocks.add(
          block(IpAddress.parse(new IpAddress(false, 0, address).toString()) + "/" + length));
    }
    PrefixTable<String> table = PrefixTable.build(blocks, (a, b) -> a);
    table.checkInvariant();

    for (int i = 0; i < 5000; i++) {
      long address = (random.nextLong() & 0x00ff_ffffL) | 0x0a00_0000L;
      IpAddress ip = new IpAddress(false, 0, address);
      String expected = null;
      int bestLength = -1;
      for (PrefixTable.Block<String> block : blocks) {
        IpPrefix prefix = block.prefix();
        boolean inside = address >= prefix.first().low() && address <= prefix.last().low();
        if (inside && prefix.length() > bestLength) {
          bestLength = prefix.length();
          expected = prefix.toString();
        }
      }
      String found = table.find(ip.high(), ip.low());
      assertThat(found == null ? null : IpPrefix.parse(found).toString())
          .as("lookup of %s", ip)
          .isEqualTo(expected);
    }
  }
}
