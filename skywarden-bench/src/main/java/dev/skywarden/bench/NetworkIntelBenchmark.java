package dev.skywarden.bench;

import dev.skywarden.core.event.NetworkKind;
import dev.skywarden.core.netintel.IpAddress;
import dev.skywarden.core.netintel.NetworkIntel;
import dev.skywarden.core.netintel.NetworkKey;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lookups per second of {@link NetworkIntel} over every published range file and the Tor exit list
 * of the shared data folder, on one thread. One operation is one lookup: each invocation looks up
 * {@value #ADDRESSES} addresses, three quarters IPv4 and one quarter IPv6, half of them inside a
 * provider range (chosen at setup with a fixed seed).
 *
 * <ul>
 *   <li>{@link #lookupText}: {@link NetworkIntel#lookup(String)}, parsing included.
 *   <li>{@link #lookupParsed}: {@link NetworkIntel#lookup(IpAddress)} on parsed addresses, the
 *       binary searches alone.
 *   <li>{@link #networkKey}: {@link NetworkKey#of(IpAddress)}, the profile key.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class NetworkIntelBenchmark {

  static final int ADDRESSES = 4096;

  private NetworkIntel intel;
  private String[] texts;
  private IpAddress[] parsed;

  @Setup
  public void load() throws IOException {
    intel =
        NetworkIntel.load(
            List.of(SharedData.require("ip-ranges")),
            Optional.of(SharedData.require("tor").resolve("tor-exit-nodes.lst")),
            List.of());

    Random random = new Random(7);
    texts = new String[ADDRESSES];
    parsed = new IpAddress[ADDRESSES];
    int inRange = 0;
    for (int i = 0; i < ADDRESSES; i++) {
      boolean wantInRange = i % 2 == 0;
      String text;
      do {
        text = i % 4 == 3 ? randomIpv6(random, wantInRange) : randomIpv4(random);
      } while (wantInRange && intel.lookup(text).kind() == NetworkKind.OTHER);
      texts[i] = text;
      parsed[i] = IpAddress.parse(text);
      if (intel.lookup(text).kind() != NetworkKind.OTHER) {
        inRange++;
      }
    }
    if (inRange < ADDRESSES / 2) {
      throw new IllegalStateException("setup chose only " + inRange + " addresses inside ranges");
    }
  }

  private static String randomIpv4(Random random) {
    return random.nextInt(224)
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256);
  }

  /** Returns an address in 2600::/12 (where AWS, Google and Linode publish ranges) or anywhere. */
  private static String randomIpv6(Random random, boolean nearProviders) {
    int first = nearProviders ? 0x2600 + random.nextInt(16) : 0x2000 + random.nextInt(0x1000);
    return Integer.toHexString(first)
        + ":"
        + Integer.toHexString(random.nextInt(0x10000))
        + ":"
        + Integer.toHexString(random.nextInt(0x10000))
        + "::"
        + Integer.toHexString(random.nextInt(0x10000));
  }

  @Benchmark
  @OperationsPerInvocation(ADDRESSES)
  public void lookupText(Blackhole blackhole) {
    for (String text : texts) {
      blackhole.consume(intel.lookup(text));
    }
  }

  @Benchmark
  @OperationsPerInvocation(ADDRESSES)
  public void lookupParsed(Blackhole blackhole) {
    for (IpAddress address : parsed) {
      blackhole.consume(intel.lookup(address));
    }
  }

  @Benchmark
  @OperationsPerInvocation(ADDRESSES)
  public void networkKey(Blackhole blackhole) {
    for (IpAddress address : parsed) {
      blackhole.consume(NetworkKey.of(address));
    }
  }
}
