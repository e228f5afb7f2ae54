package dev.skywarden.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.SourceLocation;
import org.junit.jupiter.api.Test;

class SkippedRecordTest {

  private static final SourceLocation WHERE = new SourceLocation("trail.jsonl", 3, 7);

  @Test
  void controlAndBidiChars_escaped() {
    SkippedRecord record =
        new SkippedRecord(
            WHERE, SkipReason.MALFORMED_JSON, "near \"Get\u001b[31mX\u202Efdp.exe\u200B\"");

    assertThat(record.detail()).isEqualTo("near \"Get\\u001B[31mX\\u202Efdp.exe\\u200B\"");
    assertThat(record.message()).doesNotContain("\u001b", "\u202E", "\u200B");
  }

  @Test
  void printableNonAscii_keptAsIs() {
    SkippedRecord record = new SkippedRecord(WHERE, SkipReason.MALFORMED_JSON, "clé 東京 ünïcode");

    assertThat(record.detail()).isEqualTo("clé 東京 ünïcode");
  }

  @Test
  void missingDetail_staysNull() {
    SkippedRecord record = new SkippedRecord(WHERE, SkipReason.MALFORMED_JSON, null);

    assertThat(record.detail()).isNull();
    assertThat(record.message()).endsWith(SkipReason.MALFORMED_JSON.description());
  }
}
