package dev.skywarden.core.posture;

import java.io.IOException;

/**
 * An export or configuration file that cannot be used: unreadable, not JSON or CSV, of an unknown
 * kind, or with a field of the wrong type. The message names the file and the field.
 */
public final class PostureInputException extends IOException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message is {@code <file>: <problem>}. */
  public PostureInputException(String file, String problem) {
    super(file + ": " + problem);
  }

  /** Creates an exception whose message is {@code <file>: <problem>}, with the cause. */
  public PostureInputException(String file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
