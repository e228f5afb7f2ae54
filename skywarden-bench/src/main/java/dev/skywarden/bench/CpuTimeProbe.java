package dev.skywarden.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs the bodies of {@link SigmaBenchmark} in this thread and reports events per second of this
 * thread's CPU time, next to events per wall-clock second. On a machine shared with other work, the
 * CPU-time figure leaves out the time the thread waits for a core, which JMH's wall-clock
 * throughput includes. It still includes the cache and frequency effects of the other work.
 *
 * <p>Usage: {@code java -Dskywarden.shared.dir=DIR -cp benchmarks.jar
 * dev.skywarden.bench.CpuTimeProbe [seconds per benchmark, default 10]}. Each benchmark first runs
 * for the same time as warm-up.
 */
public final class CpuTimeProbe {

  private static final String BLACKHOLE_CONSENT =
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

  private CpuTimeProbe() {}

  /** Runs every benchmark of {@link SigmaBenchmark} for each rule set. */
  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Blackhole blackhole = new Blackhole(BLACKHOLE_CONSENT);
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
