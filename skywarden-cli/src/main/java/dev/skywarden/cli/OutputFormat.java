package dev.skywarden.cli;

/** The output formats of {@code skywarden hunt}. */
enum OutputFormat {
  /** A readable table with a summary and input statistics. */
  TABLE,
  /** One native Skywarden finding per line as JSON. */
  JSONL,
  /**
   * One OCSF 1.8 finding per line as JSON: Detection Finding (2004) for hunt, Compliance Finding
   * (2003) for posture.
   */
  OCSF
}
