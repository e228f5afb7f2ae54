package dev.skywarden.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the log level of the {@code dev.skywarden} loggers from the {@code -v} and {@code -q} flags.
 */
final class LoggingLevel {

  private LoggingLevel() {}

  /**
   * Applies the verbosity: {@code quiet} shows errors only; no flag shows warnings; one {@code -v}
   * shows info; two or more show debug.
   */
  static void apply(int verbosity, boolean quiet) {
    Level level;
    if (quiet) {
      level = Level.ERROR;
    } else if (verbosity >= 2) {
      level = Level.DEBUG;
    } else if (verbosity == 1) {
      level = Level.INFO;
    } else {
      level = Level.WARN;
    }
    Logger root = (Logger) LoggerFactory.getLogger("dev.skywarden");
    root.setLevel(level);
  }
}
