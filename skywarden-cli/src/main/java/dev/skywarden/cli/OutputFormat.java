package dev.skywarden.cli;

/** The output formats of {@code skywarden hunt}. */
enum OutputFormat {
  /** A readable table with a summary and input statistics. */
  TABLE,
  /** One native Skywarden finding per line as JSON. */
  JSONL,
  /** One OCSF 1.8 Detection Finding (class 2004) per line as JSON. */
  OCSF
}
