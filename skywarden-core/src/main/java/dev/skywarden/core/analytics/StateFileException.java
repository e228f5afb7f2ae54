package dev.skywarden.core.analytics;

import java.io.IOException;
import java.nio.file.Path;

/** Thrown when a saved analytics state file cannot be read: it names the file and the reason. */
public final class StateFileException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;

  StateFileException(Path file, String reason, Throwable cause) {
    super("invalid analytics state " + file + ": " + reason, cause);
    this.file = file;
  }

  /** Returns the state file that failed. */
  public Path file() {
    return file;
  }
}
