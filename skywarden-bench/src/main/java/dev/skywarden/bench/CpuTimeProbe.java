package dev.skywarden.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs the bodies of {@link SigmaBenchmark}, {@link ReadBenchmark} or {@link AnalyticsBenchmark} in
 * this thread and reports events per second of this thread's CPU time, next to events per
 * wall-clock second. On a machine shared with other work, the CPU-time figure leaves out the time
 * the thread waits for a core, which JMH's wall-clock throughput includes. It still includes the
 * cache and frequency effects of the other work.
 *
 * <p>Usage: {@code java -Dskywarden.shared.dir=DIR -cp benchmarks.jar
 * dev.skywarden.bench.CpuTimeProbe [seconds per benchmark, default 10] [sigma|read|analytics,
 * default sigma]}. Each benchmark first runs for the same time as warm-up.
 */
public final class CpuTimeProbe {

  private static final String BLACKHOLE_CONSENT =
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

  private CpuTimeProbe() {}

  /**
   * Runs every benchmark of {@link SigmaBenchmark} for each rule set, or with {@code read} every
   * benchmark of {@link ReadBenchmark} for each layout, or with {@code analytics} {@link
   * AnalyticsBenchmark#update}.
   */
  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
    String suite = args.length > 1 ? args[1] : "sigma";
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Blackhole blackhole = new Blackhole(BLACKHOLE_CONSENT);
    if ("read".equals(suite)) {
      probeRead(seconds, threads, blackhole);
      return;
    }
    if ("analytics".equals(suite)) {
      AnalyticsBenchmark benchmark = new AnalyticsBenchmark();
      benchmark.setUp();
      Runnable update = () -> benchmark.update(blackhole);
      run(update, seconds, threads); // warm-up
      print("update", "analytics", run(update, seconds, threads));
      return;
    }
    if (!"sigma".equals(suite)) {
      throw new IllegalArgumentException(
          "invalid suite " + suite + ": expected sigma, read or analytics");
    }
    for (String rules :
        List.of(
            BenchRuleSets.BUILTIN,
            BenchRuleSets.BUILTIN_SIGMAHQ,
            BenchRuleSets.BUILTIN_SIGMAHQ_CORRELATIONS)) {
      SigmaBenchmark benchmark = new SigmaBenchmark();
      benchmark.rules = rules;
      benchmark.setUp();
      List<Runnable> bodies =
          List.of(
              () -> benchmark.match(blackhole),
              () -> benchmark.detect(blackhole),
              () -> benchmark.pipeline(blackhole));
      List<String> names = List.of("match", "detect", "pipeline");
      for (int b = 0; b < bodies.size(); b++) {
        run(bodies.get(b), seconds, threads); // warm-up
        long[] measured = run(bodies.get(b), seconds, threads);
        double events = (double) measured[0] * EventCorpus.SIZE;
        System.out.printf(
            Locale.ROOT,
            "%-9s %-28s %,12.0f events/CPU-s  %,12.0f events/s wall%n",
            names.get(b),
            rules,
            events / (measured[1] / 1e9),
            events / (measured[2] / 1e9));
      }
    }
  }

  private static void probeRead(double seconds, ThreadMXBean threads, Blackhole blackhole)
      throws Exception {
    for (String layout : List.of(ReadBenchmark.JSONL, ReadBenchmark.CLOUDTRAIL_GZ)) {
      ReadBenchmark benchmark = new ReadBenchmark();
      benchmark.layout = layout;
      benchmark.setUp();
      List<Runnable> bodies =
          List.of(() -> benchmark.read(blackhole), () -> benchmark.readNormalize(blackhole));
      List<String> names = List.of("read", "readNormalize");
      for (int b = 0; b < bodies.size(); b++) {
        run(bodies.get(b), seconds, threads); // warm-up
        print(names.get(b), layout, run(bodies.get(b), seconds, threads));
      }
    }
  }

  /** Prints events per CPU-second and per wall-clock second of one measured run. */
  private static void print(String name, String parameter, long[] measured) {
    double events = (double) measured[0] * EventCorpus.SIZE;
    System.out.printf(
        Locale.ROOT,
        "%-13s %-28s %,12.0f events/CPU-s  %,12.0f events/s wall%n",
        name,
        parameter,
        events / (measured[1] / 1e9),
        events / (measured[2] / 1e9));
  }

  /** Returns invocations, CPU nanoseconds and wall nanoseconds of running {@code body}. */
  private static long[] run(Runnable body, double seconds, ThreadMXBean threads) {
    long wallStart = System.nanoTime();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long deadline = wallStart + (long) (seconds * 1e9);
    long invocations = 0;
    while (System.nanoTime() < deadline) {
      body.run();
      invocations++;
    }
    return new long[] {
      invocations, threads.getCurrentThreadCpuTime() - cpuStart, System.nanoTime() - wallStart
    };
  }
}
