package dev.skywarden.core.netintel;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A network intel file that cannot be used: unreadable, of an unknown format, or malformed as a
 * whole. The message names the file and, where it applies, the line or JSON Pointer.
 */
public class NetworkIntelException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public NetworkIntelException(Path file, String message) {
    super(file + ": " + message);
    this.file = file;
  }

  public NetworkIntelException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
  }

  /** Returns the file the problem is in. */
  public Path file() {
    return file;
  }
}
