package dev.skywarden.core.catalog;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared reference data beside the checkout for tests: the system property {@code
 * skywarden.shared.dir} set by Surefire, else {@code ../shared} beside the project root.
 */
public final class SharedData {

  private SharedData() {}

  /** Returns the shared folder, which may not exist. */
  public static Path root() {
    String property = System.getProperty("skywarden.shared.dir");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    return Path.of("..", "..", "shared");
  }

  /**
   * Returns a path below the shared folder, skipping the calling test with the reason when it is
   * absent.
   */
  public static Path require(String relative) {
    Path path = root().resolve(relative).normalize();
    assumeTrue(
        Files.exists(path), "shared data not present, test skipped: " + path.toAbsolutePath());
    return path;
  }
}
