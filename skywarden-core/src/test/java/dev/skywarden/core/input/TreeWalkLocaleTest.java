package dev.skywarden.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walking a tree whose names the locale's charset cannot encode. The walk runs in a second JVM
 * started under the C locale, because a JVM fixes its file name charset at start.
 */
class TreeWalkLocaleTest {

  /** Walks the directory given as the argument and prints one line per source: its kind. */
  public static void main(String[] args) throws IOException {
    InputWalk walk = new InputDiscovery().discover(List.of(args[0]));
    while (walk.hasNext()) {
      InputSource source = walk.next().source();
      System.out.println(source.path().isPresent() ? "file" : "failed " + source.name());
    }
  }

  @Test
  void nonAsciiDirectory_walkedUnderCLocale(@TempDir Path root) throws Exception {
    Path directory;
    try {
      directory = Files.createDirectory(root.resolve("\u00fc"));
    } catch (InvalidPathException e) {
      assumeTrue(false, "this JVM's file name charset cannot encode a non-ASCII name: " + e);
      return;
    }
    Files.writeString(directory.resolve("trail.json"), "{\"Records\": []}");
    Files.writeString(root.resolve("plain.json"), "{\"Records\": []}");

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            TreeWalkLocaleTest.class.getName(),
            root.toString());
    builder.environment().put("LC_ALL", "C");
    builder.environment().put("LANG", "C");
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child JVM ended").isTrue();

    assertThat(process.exitValue()).as("exit value; output: %s", output).isZero();
    assertThat(output.lines().toList()).as("sources").containsExactly("file", "file");
  }
}
