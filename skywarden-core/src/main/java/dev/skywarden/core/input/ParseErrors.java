package dev.skywarden.core.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.skywarden.core.stats.SkipReason;
import java.util.regex.Pattern;

/** Maps Jackson parse errors to skip reasons and messages. */
final class ParseErrors {

  /**
   * Jackson's own text for a location inside a message, such as {@code [Source: REDACTED
   * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 2]}.
   */
  private static final Pattern SOURCE_TEXT =
      Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

  private ParseErrors() {}

  /**
   * Names the JSON value that starts with {@code token}, such as {@code a number} or {@code an
   * array}, for messages about records that are not objects.
   */
  static String valueKind(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> "a " + token.name().toLowerCase(java.util.Locale.ROOT) + " token";
    };
  }

  /** Replaces Jackson's source text inside a message with a plain {@code [line L, column C]}. */
  static String withoutSourceText(String message) {
    if (message == null) {
      return "";
    }
    return SOURCE_TEXT.matcher(message).replaceAll("[line $1, column $2]");
  }

  /**
   * Returns the skip reason for a parse error: {@code TOO_DEEP} or {@code RECORD_TOO_LARGE} for
   * broken {@link com.fasterxml.jackson.core.StreamReadConstraints}, else {@code otherwise}.
   */
  static SkipReason reasonFor(JsonProcessingException error, SkipReason otherwise) {
    if (!(error instanceof StreamConstraintsException)) {
      return otherwise;
    }
    // NOTE: Jackson 2.x has no code per constraint, so the message decides. The depth message
    // reads "Document nesting depth (501) exceeds the maximum allowed (500, ...)".
    String message = String.valueOf(error.getOriginalMessage());
    if (message.contains("nesting depth")) {
      return SkipReason.TOO_DEEP;
    }
    if (message.contains("length")) {
      return SkipReason.RECORD_TOO_LARGE;
    }
    return otherwise;
  }

  /**
   * Returns the parser's message with the absolute line and column of the error, such as {@code
   * Unexpected character ('x' (code 120)) at line 3, column 7}.
   *
   * @param lineBase lines of the source before the parser's first line
   */
  static String describe(JsonProcessingException error, long lineBase) {
    String message = withoutSourceText(error.getOriginalMessage());
    JsonLocation location = error.getLocation();
    if (location == null || location.getLineNr() <= 0) {
      return message;
    }
    return message
        + " at line "
        + (lineBase + location.getLineNr())
        + ", column "
        + location.getColumnNr();
  }
}
