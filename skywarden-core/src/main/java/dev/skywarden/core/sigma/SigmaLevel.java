package dev.skywarden.core.sigma;

import java.util.Locale;
import java.util.Optional;

/** The {@code level} of a rule, from least to most severe. */
public enum SigmaLevel {
  INFORMATIONAL,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** Returns the level named {@code text} (case-insensitive), or empty for anything else. */
  public static Optional<SigmaLevel> parse(String text) {
    for (SigmaLevel level : values()) {
      if (level.name().equalsIgnoreCase(text.strip())) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }

  /** Returns the name as written in rules, such as {@code high}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
