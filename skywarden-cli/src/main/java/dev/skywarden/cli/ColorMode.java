package dev.skywarden.cli;

/** When the table output uses ANSI colours. */
enum ColorMode {
  /** Colour only when writing to a terminal and {@code NO_COLOR} is unset. */
  AUTO,
  ALWAYS,
  NEVER
}
