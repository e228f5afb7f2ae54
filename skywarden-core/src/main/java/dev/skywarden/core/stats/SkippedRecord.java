package dev.skywarden.core.stats;

import dev.skywarden.core.event.SourceLocation;

/**
 * One skipped record kept as a sample for the user: where it was, why, and a detail such as the
 * parser's message.
 *
 * <p>The detail often quotes the broken input, so control characters and Unicode format characters
 * (bidirectional overrides, zero-width characters) in it are replaced by {@code \}{@code uXXXX}
 * escapes: a terminal never runs escape sequences from log data, and text is never reordered.
 */
public record SkippedRecord(SourceLocation location, SkipReason reason, String detail) {

  public SkippedRecord {
    detail = detail == null ? null : escapeInvisible(detail);
  }

  /** Formats the sample as {@code input:line (record n): reason: detail}. */
  public String message() {
    return location + ": " + reason.description() + (detail == null ? "" : ": " + detail);
  }

  /** Returns {@code text} with control and format characters written as {@code \}{@code uXXXX}. */
  static String escapeInvisible(String text) {
    StringBuilder escaped = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean invisible =
          Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT;
      if (invisible && escaped == null) {
        escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (escaped == null) {
        continue;
      }
      if (invisible) {
        escaped.append(String.format("\\u%04X", (int) c));
      } else {
        escaped.append(c);
      }
    }
    return escaped == null ? text : escaped.toString();
  }
}
