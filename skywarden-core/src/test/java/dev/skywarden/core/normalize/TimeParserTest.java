package dev.skywarden.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeParserTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2024-03-01T10:20:30Z, 2024-03-01T10:20:30Z",
    "2024-03-01T10:20:30.123Z, 2024-03-01T10:20:30.123Z",
    "2024-03-01T10:20:30.123456Z, 2024-03-01T10:20:30.123456Z",
    "2024-03-01T10:20:30.1234567Z, 2024-03-01T10:20:30.1234567Z",
    "2024-03-01T10:20:30.123456789Z, 2024-03-01T10:20:30.123456789Z",
    "2024-03-01T11:20:30+01:00, 2024-03-01T10:20:30Z",
    "2024-03-01T11:20:30.5+0100, 2024-03-01T10:20:30.5Z",
    "2024-03-01T10:20:30, 2024-03-01T10:20:30Z",
    "2024-03-01T10:20:30.25, 2024-03-01T10:20:30.25Z",
    "2019-01-01 00:00:00.000000000, 2019-01-01T00:00:00Z",
    "2025-01-15 09:30:45.123, 2025-01-15T09:30:45.123Z",
    "2019-01-01 00:20:04.000Z, 2019-01-01T00:20:04Z",
    "2024-03-01t10:20:30z, 2024-03-01T10:20:30Z",
    "1700000000000, 2023-11-14T22:13:20Z",
    "1764499262, 2025-11-30T10:41:02Z",
    "99999999999, 5138-11-16T09:46:39Z",
    "100000000000, 1973-03-03T09:46:40Z",
    "2024-02-29T23:59:59.000000001Z, 2024-02-29T23:59:59.000000001Z",
    "0000-01-01T00:00:00Z, 0000-01-01T00:00:00Z",
    "1999-12-31T23:59:59.9Z, 1999-12-31T23:59:59.9Z"
  })
  void parse_acceptedForms(String text, String expected) {
    assertThat(TimeParser.parse(text)).isEqualTo(Instant.parse(expected));
  }

  /** The formatter resolves these values outside the calendar, so the fast path must not. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2023-02-29T00:00:00Z, 2023-02-28T00:00:00Z",
    "2024-04-31T10:00:00Z, 2024-04-30T10:00:00Z",
    "2024-01-01T24:00:00Z, 2024-01-02T00:00:00Z",
    "2024-01-01T00:00:00.Z, 2024-01-01T00:00:00Z"
  })
  void parse_resolvesLikeFormatter(String text, String expected) {
    assertThat(TimeParser.parse(text)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"2024-06-30T23:59:60Z", "2024-01-01T00:00:00.1234567891Z", "2024-01-01T0a:00:00Z"})
  void parse_rejectsInvalidUtcForm(String text) {
    assertThatThrownBy(() -> TimeParser.parse(text)).isInstanceOf(DateTimeParseException.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"redacted", "...", "2024-13-01T00:00:00Z", "01/02/2024 10:00", ""})
  void parse_rejectsNonTimes(String text) {
    assertThatThrownBy(() -> TimeParser.parse(text)).isInstanceOf(DateTimeParseException.class);
  }

  @org.junit.jupiter.api.Test
  void parse_jsonNumberIsEpochMillis() {
    assertThat(TimeParser.parse(Normalize.json("1700000000123")))
        .isEqualTo(Instant.parse("2023-11-14T22:13:20.123Z"));
  }

  @org.junit.jupiter.api.Test
  void parse_jsonNumberEpochSeconds() {
    assertThat(TimeParser.parse(Normalize.json("1764499262")))
        .isEqualTo(Instant.parse("2025-11-30T10:41:02Z"));
  }
}
