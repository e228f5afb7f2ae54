package dev.skywarden.core.normalize;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared public test data; tests that need it skip with a reason when it is absent. */
final class SharedData {

  private SharedData() {}

  /** Returns {@code <shared>/data/<relative>}, skipping the calling test when it does not exist. */
  static Path require(String relative) {
    String configured = System.getProperty("skywarden.shared.dir");
    Path shared =
        configured != null
            ? Path.of(configured)
            : Path.of("").toAbsolutePath().resolve("../../shared");
    Path path = shared.resolve("data").resolve(relative).normalize();
    assumeTrue(Files.exists(path), "shared test data not found at " + path + ", test skipped");
    return path;
  }
}
