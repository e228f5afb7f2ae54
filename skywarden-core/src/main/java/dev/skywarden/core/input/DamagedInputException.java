package dev.skywarden.core.input;

import dev.skywarden.core.stats.SkipReason;
import java.io.IOException;

/**
 * Raised inside the byte pipeline of one source when the bytes are damaged or over a limit; the
 * reader turns it into one skip with {@link #reason()}.
 */
final class DamagedInputException extends IOException {

  private final SkipReason reason;

  DamagedInputException(SkipReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  DamagedInputException(SkipReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  SkipReason reason() {
    return reason;
  }

  /**
   * Returns the first {@code DamagedInputException} in the cause chain of {@code error}, or null.
   */
  static DamagedInputException find(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof DamagedInputException) {
        return (DamagedInputException) t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
