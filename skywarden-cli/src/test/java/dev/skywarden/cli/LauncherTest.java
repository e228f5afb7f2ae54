package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests of the repository's {@code skywarden} launcher script, run with a real JVM: the JVM options
 * it chooses and the arguments it passes on. The script runs a small jar in place of the CLI's. Its
 * main method prints the JVM's collectors, maximum heap and arguments, so no build starts.
 */
class LauncherTest {

  /** The launcher; tests run in the repository root (the surefire working directory). */
  private static final Path LAUNCHER = Path.of("skywarden");

  @TempDir static Path home;

  /** Copies the launcher into {@link #home} and writes the printing jar where it runs the CLI. */
  @BeforeAll
  static void setUp() throws IOException {
    Files.copy(LAUNCHER, home.resolve("skywarden"));
    Path classes = Files.createDirectories(home.resolve("classes"));
    Path source = classes.resolve("PrintJvm.java");
    Files.writeString(
        source,
        """
        import java.lang.management.GarbageCollectorMXBean;
        import java.lang.management.ManagementFactory;
        import java.util.TreeSet;

        public class PrintJvm {
          public static void main(String[] args) {
            TreeSet<String> names = new TreeSet<>();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
              names.add(gc.getName().replace(' ', '_'));
            }
            StringBuilder out = new StringBuilder("collectors: ").append(String.join(" ", names));
            out.append("\\nmax heap MiB: ").append(Runtime.getRuntime().maxMemory() >> 20);
            for (String arg : args) {
              out.append("\\nargument: [").append(arg).append(']');
            }
            System.out.println(out);
          }
        }
        """);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "-d", classes.toString(), source.toString());
    assertThat(status).as("javac status for %s", source).isZero();

    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "PrintJvm");
    Path jar =
        Files.createDirectories(home.resolve("skywarden-cli/target")).resolve("skywarden.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      out.putNextEntry(new JarEntry("PrintJvm.class"));
      out.write(Files.readAllBytes(classes.resolve("PrintJvm.class")));
      out.closeEntry();
    }
  }

  @Test
  void noOptions_usesParallelCollector() throws Exception {
    String out = launch(null, "hunt", "examples/");

    assertThat(out).contains("collectors: PS_MarkSweep PS_Scavenge");
    assertThat(out).contains("argument: [hunt]\nargument: [examples/]");
  }

  @Test
  void arguments_passUnchanged() throws Exception {
    String out = launch("-Xmx64m", "hunt", "my logs/", "", "*", "-Xmx1g");

    assertThat(out)
        .contains("argument: [hunt]\nargument: [my logs/]\nargument: []\nargument: [*]")
        .contains("argument: [-Xmx1g]");
    assertThat(maxHeapMib(out)).as("max heap of %s", out).isLessThanOrEqualTo(64);
  }

  @Test
  void otherOptions_keepParallelCollector() throws Exception {
    String out = launch("-Xmx64m", "hunt");

    assertThat(out).contains("collectors: PS_MarkSweep PS_Scavenge").contains("max heap MiB: ");
    assertThat(maxHeapMib(out)).as("max heap of %s", out).isLessThanOrEqualTo(64);
  }

  @Test
  void chosenCollector_replacesParallel() throws Exception {
    String g1 = launch("-XX:+UseG1GC", "hunt");
    String serial = launch("-Xmx64m -XX:+UseSerialGC", "score");

    assertThat(g1).contains("collectors: G1_Old_Generation G1_Young_Generation");
    assertThat(serial).contains("collectors: Copy MarkSweepCompact").contains("argument: [score]");
    assertThat(maxHeapMib(serial)).as("max heap of %s", serial).isLessThanOrEqualTo(64);
  }

  @Test
  void optionsSplitAtTabsAndNewlines() throws Exception {
    String out = launch("-Xmx64m\t-XX:+UseSerialGC\n", "hunt");

    assertThat(out).contains("collectors: Copy MarkSweepCompact");
    assertThat(maxHeapMib(out)).as("max heap of %s", out).isLessThanOrEqualTo(64);
  }

  @Test
  void parallelTuningFlag_keepsParallel() throws Exception {
    String out = launch("-XX:+UseMaximumCompactionOnSystemGC", "hunt");

    assertThat(out).contains("collectors: PS_MarkSweep PS_Scavenge");
  }

  @Test
  void disabledParallel_leavesJvmDefault() throws Exception {
    String out = launch("-XX:-UseParallelGC", "hunt");

    assertThat(out).contains("collectors: ").doesNotContain("PS_");
  }

  @Test
  void collectorInJavaVariables_replacesParallel() throws Exception {
    for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
      String out = launchWith(Map.of(variable, "-XX:+UseSerialGC"), "hunt");

      assertThat(out)
          .as("%s=-XX:+UseSerialGC", variable)
          .contains("collectors: Copy MarkSweepCompact");
    }
  }

  /** Runs the launcher with {@code SKYWARDEN_JAVA_OPTS} set to {@code javaOpts} (unset if null). */
  private static String launch(String javaOpts, String... arguments) throws Exception {
    return launchWith(
        javaOpts == null ? Map.of() : Map.of("SKYWARDEN_JAVA_OPTS", javaOpts), arguments);
  }

  /**
   * Runs the launcher with the JVM of this test first on the PATH and with {@code variables} as the
   * only JVM option variables, and returns its standard output and error.
   */
  private static String launchWith(Map<String, String> variables, String... arguments)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", home.resolve("skywarden").toString()));
    command.addAll(List.of(arguments));
    Path output = Files.createTempFile(home, "launch", ".out");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    Map<String, String> environment = builder.environment();
    for (String variable :
        List.of("SKYWARDEN_JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
      environment.remove(variable);
    }
    environment.putAll(variables);
    Path javaBin = Path.of(System.getProperty("java.home"), "bin");
    environment.put("PATH", javaBin + File.pathSeparator + environment.getOrDefault("PATH", ""));

    Process process = builder.start();
    boolean finished = process.waitFor(60, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String out = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(finished).as("launcher finished within 60 s; output:%n%s", out).isTrue();
    assertThat(process.exitValue()).as("exit status; output:%n%s", out).isZero();
    return out;
  }

  private static long maxHeapMib(String out) {
    String line = out.lines().filter(l -> l.startsWith("max heap MiB: ")).findFirst().orElseThrow();
    return Long.parseLong(line.substring("max heap MiB: ".length()).trim());
  }
}
