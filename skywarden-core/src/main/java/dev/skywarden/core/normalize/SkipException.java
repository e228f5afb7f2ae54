package dev.skywarden.core.normalize;

import dev.skywarden.core.stats.SkipReason;

/** Thrown by a format normaliser when a record of its format cannot become an event. */
final class SkipException extends Exception {

  private static final long serialVersionUID = 1L;

  private final SkipReason reason;

  SkipException(SkipReason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  SkipReason reason() {
    return reason;
  }
}
