package dev.skywarden.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared public reference data beside the checkout for tests: the folder named by the
 * system property {@code skywarden.shared.dir} (set by Surefire), else {@code ../../shared}
 * relative to the module folder. Tests that need a path below it skip with the reason when the path
 * is absent, so a checkout without the data still builds.
 */
public final class SharedData {

  /** The system property that names the shared folder. */
  public static final String PROPERTY = "skywarden.shared.dir";

  private SharedData() {}

  /** Returns the shared folder, which may not exist. */
  public static Path root() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of("..", "..", "shared");
  }

  /**
   * Returns {@code <shared>/<relative>}, skipping the calling test with the reason when it does not
   * exist.
   */
  public static Path require(String relative) {
    Path path = root().resolve(relative).normalize();
    assumeTrue(
        Files.exists(path), "shared data not present, test skipped: " + path.toAbsolutePath());
    return path;
  }

  /** Returns {@code <shared>/data/<relative>}, skipping the calling test when it does not exist. */
  public static Path requireData(String relative) {
    return require("data/" + relative);
  }
}
