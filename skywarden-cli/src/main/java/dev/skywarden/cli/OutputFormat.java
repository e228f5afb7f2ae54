package dev.skywarden.cli;

/** The output formats of {@code skywarden hunt}. */
enum OutputFormat {
  /** A readable table with a summary and input statistics. */
  TABLE,
  /** One native Skywarden finding per line as JSON. */
  JSONL,
  /** One OCSF 1.8 Detection Finding (class 2004) per line as JSON. */
  OCSF,
  /** One row per finding, RFC 4180 CSV with a header row. */
  CSV,
  /** AWS Security Finding Format (ASFF) findings as one JSON array, for Security Hub. */
  ASFF,
  /** An ATT&CK Navigator layer (format 4.5) of the techniques hit. */
  NAVIGATOR,
  /** One self-contained HTML report file with summary, timeline, findings and stories. */
  HTML
}
