package dev.skywarden.core.stats;

/**
 * The reason an input record was not turned into an event. Every record that is read is either an
 * event or counted under one of these reasons.
 */
public enum SkipReason {
  /** Bytes that are not valid JSON, or JSON cut off in the middle of a value. */
  MALFORMED_JSON("malformed JSON"),
  /** A gzip stream that ends early or has a bad checksum. */
  TRUNCATED_GZIP("truncated or corrupt gzip stream"),
  /** Decompressed data larger than the configured limit (a compression bomb or a huge file). */
  DECOMPRESSION_LIMIT("decompressed size over the limit"),
  /** A single record larger than the configured maximum record size. */
  RECORD_TOO_LARGE("record over the size limit"),
  /** JSON nested deeper than the configured maximum depth. */
  TOO_DEEP("JSON nested too deep"),
  /** A CloudTrail digest file: it lists log files and hashes, not events. */
  CLOUDTRAIL_DIGEST("CloudTrail digest file", false),
  /** A CloudWatch Logs subscription {@code CONTROL_MESSAGE} that carries no event. */
  CONTROL_MESSAGE("CloudWatch Logs control message", false),
  /** A CloudTrail Insights event: a statistical summary, not an API call. */
  INSIGHT_EVENT("CloudTrail Insights event", false),
  /** A JSON value that is not an object where a record was expected (a number, a string). */
  NOT_AN_OBJECT("record is not a JSON object"),
  /** An object that matches none of the supported log formats. */
  UNKNOWN_FORMAT("unknown log format"),
  /** A record of a known format without a usable event time. */
  INVALID_TIME("missing or invalid event time"),
  /** A record of a known format that lacks a field the format requires. */
  MISSING_FIELD("required field missing"),
  /** An envelope whose payload could not be decoded (bad base64, bad embedded JSON). */
  BAD_ENVELOPE("envelope payload could not be decoded"),
  /** The input could not be read at all (permission denied, I/O error). */
  READ_ERROR("input could not be read");

  private final String description;
  private final boolean problem;

  SkipReason(String description) {
    this(description, true);
  }

  SkipReason(String description, boolean problem) {
    this.description = description;
    this.problem = problem;
  }

  /**
   * Returns whether a record skipped for this reason is a problem with the input: damaged,
   * unreadable or not understood. Digest files, CloudWatch Logs control messages and Insights
   * summaries are not problems, because they are known to carry no API call.
   */
  public boolean isProblem() {
    return problem;
  }

  /** Returns a short lower-case phrase for reports, such as {@code malformed JSON}. */
  public String description() {
    return description;
  }
}
