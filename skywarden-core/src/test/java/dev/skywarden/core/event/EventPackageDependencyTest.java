package dev.skywarden.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The event model is the bottom layer of the core: every other package may use it, so it must use
 * none of them, or the packages form a cycle. Reads the package's sources, which surefire finds
 * relative to the module folder.
 */
class EventPackageDependencyTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/skywarden/core/event");

  @Test
  void eventPackage_importsNoOtherCorePackage() throws IOException {
    assertThat(SOURCES).as("the event sources, relative to skywarden-core").isDirectory();
    List<String> imports = new ArrayList<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          if (line.startsWith("import dev.skywarden.") && !line.contains(".core.event.")) {
            imports.add(file.getFileName() + ": " + line);
          }
        }
      }
    }

    assertThat(imports).isEmpty();
  }
}
