package dev.skywarden.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the public data sets the benchmarks read at setup: the folder named by the system property
 * {@value #PROPERTY}, or {@code ../shared} from the working directory.
 */
final class SharedData {

  /** The system property that names the shared data folder (the one holding {@code data/}). */
  static final String PROPERTY = "skywarden.shared.dir";

  private SharedData() {}

  /**
   * Returns a folder under {@code data/} of the shared folder.
   *
   * @param relative such as {@code stratus/logs}
   * @throws IllegalStateException when the folder does not exist, naming where it was looked for
   *     and how to point the benchmarks at it
   */
  static Path require(String relative) {
    Path root = Path.of(System.getProperty(PROPERTY, "../shared"));
    Path folder = root.resolve("data").resolve(relative);
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException(
          "benchmark data not found: "
              + folder.toAbsolutePath()
              + "; pass -D"
              + PROPERTY
              + "=DIR with the shared folder that holds data/"
              + relative);
    }
    return folder;
  }
}
