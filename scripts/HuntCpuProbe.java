import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * Runs one {@code skywarden} command line several times in one JVM and prints the process CPU
 * seconds (user and system, all threads) of each run, so that a whole hunt can be measured with
 * and without JVM start-up, rule loading and JIT warm-up.
 *
 * <p>Usage, from the repository root after {@code mvn install}: {@code java -cp
 * skywarden-cli/target/skywarden.jar scripts/HuntCpuProbe.java WARMUP RUNS hunt -q --threads 1
 * --format jsonl -o /dev/null LOGS}. The first {@code WARMUP} runs are printed but left out of the
 * median and minimum. Each run starts after a {@link System#gc()} request, and its CPU time includes
 * the garbage collector and the JIT compiler threads. Needs a HotSpot JVM, whose operating system
 * bean reports process CPU time.
 */
public final class HuntCpuProbe {

  private HuntCpuProbe() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: HuntCpuProbe WARMUP RUNS COMMAND [ARGS...]");
      System.exit(2);
    }
    int warmup = Integer.parseInt(args[0]);
    int runs = Integer.parseInt(args[1]);
    String[] command = Arrays.copyOfRange(args, 2, args.length);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    double[] measuredSeconds = new double[runs];
    for (int run = 0; run < warmup + runs; run++) {
      System.gc();
      long cpuStart = os.getProcessCpuTime();
      long wallStart = System.nanoTime();
      int exitCode = dev.skywarden.cli.Main.run(command);
      double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
      double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
      System.err.printf(
          Locale.ROOT,
          "run %d: exit code %d, %.2f CPU s, %.2f wall s%n",
          run,
          exitCode,
          cpuSeconds,
          wallSeconds);
      if (run >= warmup) {
        measuredSeconds[run - warmup] = cpuSeconds;
      }
    }

    double[] sorted = measuredSeconds.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "CPU seconds per run after %d warm-up runs: median %.2f, min %.2f, all %s%n",
        warmup,
        sorted[runs / 2],
        sorted[0],
        Arrays.toString(measuredSeconds));
  }
}
