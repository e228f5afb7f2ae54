package dev.skywarden.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.input.RawRecord;
import dev.skywarden.core.stats.SkippedRecord;

/** Test helpers that normalise inline JSON records. */
final class Normalize {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final EventNormalizer NORMALIZER = new EventNormalizer();
  static final SourceLocation LOCATION = new SourceLocation("test.json", 7, 0);

  private Normalize() {}

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException invalid) {
      throw new IllegalArgumentException("invalid test JSON: " + text, invalid);
    }
  }

  static NormalizeResult result(String text) {
    return NORMALIZER.normalize(new RawRecord(json(text), LOCATION));
  }

  /** Normalises a record that must become an event. */
  static CloudEvent event(String text) {
    NormalizeResult result = result(text);
    assertThat(result).as("result of %s", text).isInstanceOf(NormalizeResult.Normalized.class);
    return ((NormalizeResult.Normalized) result).event();
  }

  /** Normalises a record that must be skipped. */
  static SkippedRecord skipped(String text) {
    NormalizeResult result = result(text);
    assertThat(result).as("result of %s", text).isInstanceOf(NormalizeResult.Skipped.class);
    return ((NormalizeResult.Skipped) result).skipped();
  }
}
