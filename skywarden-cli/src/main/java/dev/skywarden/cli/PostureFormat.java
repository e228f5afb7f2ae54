package dev.skywarden.cli;

/** The output formats of {@code skywarden posture}. */
enum PostureFormat {
  /** A readable table of check results and a summary per control. */
  TABLE,
  /** One JSON object per check result, then one per control summary. */
  JSONL,
  /** One OCSF 1.8 Compliance Finding (class 2003) per check result. */
  OCSF
}
