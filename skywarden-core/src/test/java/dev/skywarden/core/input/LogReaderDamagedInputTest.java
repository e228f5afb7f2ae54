package dev.skywarden.core.input;

import static dev.skywarden.core.input.ReaderFixtures.concat;
import static dev.skywarden.core.input.ReaderFixtures.event;
import static dev.skywarden.core.input.ReaderFixtures.gzip;
import static dev.skywarden.core.input.ReaderFixtures.read;
import static dev.skywarden.core.input.ReaderFixtures.utf8;
import static dev.skywarden.core.input.ReaderFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.stats.SkipReason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged, hostile and unusual bytes: each kind ends in counted records, never in an exception. */
class LogReaderDamagedInputTest {

  private static final int MIB = 1024 * 1024;

  private final LogReader reader = new LogReader();

  @TempDir Path dir;

  @Test
  void shortDamagedTail_onlyMalformedSkips() throws Exception {
    // Fewer than four bytes after the good line: the parser of the rest is made by Jackson. The
    // lone brace is one damaged record, counted once.
    for (Path file :
        List.of(
            write(dir, "tail.jsonl", event("1") + "\n{"),
            write(dir, "tail.jsonl.gz", gzip(utf8(event("1") + "\n{"))))) {
      CollectingSink sink = new CollectingSink();

      read(reader, file, sink);

      assertThat(sink.field("eventID")).as(file.toString()).containsExactly("1");
      assertThat(sink.skipReasons()).as(file.toString()).containsExactly(SkipReason.MALFORMED_JSON);
    }
  }

  @Test
  void utf16CutMidRecord_onlyMalformedSkips() throws Exception {
    String content = event("1") + "\n" + event("2");
    byte[] utf16 = content.getBytes(StandardCharsets.UTF_16LE);
    Path file = write(dir, "cut.jsonl", Arrays.copyOf(utf16, utf16.length - 20));
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1");
    assertThat(sink.skipReasons()).containsOnly(SkipReason.MALFORMED_JSON);
  }

  @Test
  void malformedJsonLine_costsOneRecord() throws Exception {
    String content = event("1") + "\n{\"eventID\": x}\n" + event("3") + "\n" + event("4") + "\n";
    Path file = write(dir, "bad.jsonl", content);
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "3", "4");
    assertThat(sink.acceptedLines()).containsExactly(1L, 3L, 4L);
    assertThat(sink.skipReasons()).containsExactly(SkipReason.MALFORMED_JSON);
    assertThat(sink.skipped.get(0).location().line()).isEqualTo(2);
    assertThat(sink.skipped.get(0).detail()).contains("Unrecognized token 'x'").contains("line 2");
    assertThat(sink.skipped.get(0).message()).startsWith(file + ":2 (record 2)");
    assertThat(sink.indices).containsExactly(1L, 2L, 3L, 4L);
    assertThat(summary.records()).isEqualTo(4);
  }

  @Test
  void unterminatedStringLine_costsOneRecord() throws Exception {
    String content = event("1") + "\n{\"eventID\": \"2\n" + event("3") + "\n";
    Path file = write(dir, "bad.jsonl", content);
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "3");
    assertThat(sink.acceptedLines()).containsExactly(1L, 3L);
    assertThat(sink.skipReasons()).containsExactly(SkipReason.MALFORMED_JSON);
    assertThat(sink.skipped.get(0).location().line()).isEqualTo(2);
  }

  @Test
  void unterminatedStringLineCrlf_costsOneRecord() throws Exception {
    String content = event("1") + "\r\n{\"eventID\": \"2\r\n" + event("3") + "\r\n" + event("4");
    Path file = write(dir, "bad.jsonl", content);
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "3", "4");
    assertThat(sink.acceptedLines()).containsExactly(1L, 3L, 4L);
    assertThat(sink.skipReasons()).containsExactly(SkipReason.MALFORMED_JSON);
  }

  @Test
  void unclosedObjectLine_nextLineStillRead() throws Exception {
    String content = event("1") + "\n{\"eventID\": \"2\"\n" + event("3") + "\n" + event("4");
    Path file = write(dir, "bad.jsonl", content);
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "3", "4");
    assertThat(sink.acceptedLines()).containsExactly(1L, 3L, 4L);
    assertThat(sink.skipReasons()).containsExactly(SkipReason.MALFORMED_JSON);
  }

  @Test
  void lineCutAfterColon_nextLineStillRead() throws Exception {
    String content =
        event("1")
            + "\n{\"eventID\": \"2\", \"requestParameters\":\n"
            + event("3")
            + "\n"
            + event("4");
    Path file = write(dir, "cut.jsonl", content);
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "3", "4");
    assertThat(sink.acceptedLines()).containsExactly(1L, 3L, 4L);
    assertThat(sink.skipReasons()).containsExactly(SkipReason.MALFORMED_JSON);
    assertThat(sink.skipped.get(0).location().line()).isEqualTo(2);
    assertThat(summary.records()).isEqualTo(4);
  }

  @Test
  void lineCutInsideArray_nextLinesStillRead() throws Exception {
    String content =
        event("1")
            + "\n{\"eventID\": \"2\", \"resources\": [\n"
            + event("3")
            + "\n"
            + event("4")
            + "\n";
    Path file = write(dir, "cut.jsonl", content);
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "3", "4");
    assertThat(sink.acceptedLines()).containsExactly(1L, 3L, 4L);
    assertThat(sink.skipReasons()).containsExactly(SkipReason.MALFORMED_JSON);
  }

  @Test
  void garbageLines_belongToOneDamagedRecord() throws Exception {
    String content = event("1") + "\nnot json at all\n  still not\n" + event("4") + "\n";
    Path file = write(dir, "bad.jsonl", content);
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "4");
    assertThat(sink.acceptedLines()).containsExactly(1L, 4L);
    assertThat(sink.skipReasons()).containsExactly(SkipReason.MALFORMED_JSON);
  }

  @Test
  void cutRecordsArray_oneSkip() throws Exception {
    String content = "{\"Records\":[" + event("1") + "," + event("2") + ",{\"eventID\":\"3\",\"ev";
    Path file = write(dir, "cut.json", content);
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "2");
    assertThat(sink.skipReasons()).containsExactly(SkipReason.MALFORMED_JSON);
    assertThat(sink.skipped.get(0).detail()).contains("end-of-input");
    assertThat(summary.records()).isEqualTo(3);
  }

  @Test
  void cutPrettyRecordsArray_oneSkip() throws Exception {
    String content =
        "{\n  \"Records\": [\n    "
            + event("1")
            + ",\n    {\n      \"eventID\": \"2\",\n      \"x\"";
    Path file = write(dir, "cut.json", content);
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1");
    assertThat(sink.skipReasons()).containsExactly(SkipReason.MALFORMED_JSON);
    assertThat(sink.skipped.get(0).location().line()).isEqualTo(4);
  }

  @Test
  void errorInRecordsArray_oneSkip() throws Exception {
    String content =
        "{\"Records\":["
            + event("1")
            + ",{\"eventID\":oops},"
            + event("3")
            + "]}\n"
            + event("5")
            + "\n";
    Path file = write(dir, "bad.json", content);
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "3", "5");
    assertThat(sink.acceptedLines()).containsExactly(1L, 1L, 2L);
    assertThat(sink.skipReasons()).containsExactly(SkipReason.MALFORMED_JSON);
  }

  @Test
  void truncatedGzip_atRecordBoundary() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    GZIPOutputStream gzip = new GZIPOutputStream(buffer, true);
    gzip.write(utf8(event("1") + "\n" + event("2") + "\n"));
    gzip.flush();
    int flushed = buffer.size();
    gzip.write(utf8(event("3") + "\n"));
    gzip.finish();
    Path file = write(dir, "cut.json.gz", Arrays.copyOf(buffer.toByteArray(), flushed));
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "2");
    assertThat(sink.skipReasons()).containsExactly(SkipReason.TRUNCATED_GZIP);
    assertThat(sink.skipped.get(0).detail()).contains(file.toString()).doesNotContain("null");
    assertThat(summary.records()).isEqualTo(3);
  }

  @Test
  void truncatedGzip_insideRecord() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    GZIPOutputStream gzip = new GZIPOutputStream(buffer, true);
    gzip.write(utf8(event("1") + "\n" + event("2") + "\n"));
    gzip.flush();
    int flushed = buffer.size();
    StringBuilder noise = new StringBuilder();
    Random random = new Random(42);
    while (noise.length() < 4000) {
      noise.append(Long.toHexString(random.nextLong()));
    }
    gzip.write(utf8("{\"eventID\":\"3\",\"noise\":\"" + noise + "\"}\n" + event("4") + "\n"));
    gzip.finish();
    Path file = write(dir, "cut.json.gz", Arrays.copyOf(buffer.toByteArray(), flushed + 500));
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "2");
    assertThat(sink.skipReasons()).containsExactly(SkipReason.TRUNCATED_GZIP);
    assertThat(summary.uncompressedBytes()).isGreaterThan(2L * event("1").length() + 100);
  }

  @Test
  void corruptGzipTrailer_countedAsTruncatedGzip() throws Exception {
    byte[] content = gzip(utf8(event("1") + "\n" + event("2") + "\n"));
    content[content.length - 6] ^= 0x55;
    Path file = write(dir, "corrupt.gz", content);
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "2");
    assertThat(sink.skipReasons()).containsExactly(SkipReason.TRUNCATED_GZIP);
  }

  @Test
  void gzipHeaderOnly_truncatedGzip() throws Exception {
    byte[] content = Arrays.copyOf(gzip(utf8(event("1"))), 5);
    Path file = write(dir, "header.gz", content);
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.accepted).isEmpty();
    assertThat(summary.skipped(SkipReason.TRUNCATED_GZIP)).isEqualTo(1);
  }

  @Test
  void byteOrderMark_ignored() throws Exception {
    byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    Path file = write(dir, "bom.json", concat(bom, utf8(event("1") + "\n" + event("2") + "\n")));
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "2");
    assertThat(sink.acceptedLines()).containsExactly(1L, 2L);
    assertThat(summary.skipped()).isZero();
  }

  @Test
  void byteOrderMarkInGzip_ignored() throws Exception {
    byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    Path file = write(dir, "bom.json.gz", gzip(concat(bom, utf8("[" + event("1") + "]"))));
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1");
  }

  @Test
  void crlfLineEnds_linesCounted() throws Exception {
    String content = event("1") + "\r\n" + event("2") + "\r\n\r\n" + event("3") + "\r\n";
    Path file = write(dir, "crlf.jsonl", content);
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "2", "3");
    assertThat(sink.acceptedLines()).containsExactly(1L, 2L, 4L);
    assertThat(summary.skipped()).isZero();
  }

  @Test
  void invalidUtf8_skippedAndReadingGoesOn() throws Exception {
    byte[] bad =
        concat(utf8("{\"eventID\":\"2\",\"userAgent\":\"a"), new byte[] {(byte) 0xc3, 0x28});
    byte[] content = concat(utf8(event("1") + "\n"), bad, utf8("\"}\n"), utf8(event("3") + "\n"));
    Path file = write(dir, "utf8.jsonl", content);
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "3");
    assertThat(sink.acceptedLines()).containsExactly(1L, 3L);
    assertThat(sink.skipReasons()).containsExactly(SkipReason.MALFORMED_JSON);
    assertThat(sink.skipped.get(0).detail()).containsIgnoringCase("UTF-8");
    assertThat(sink.skipped.get(0).location().line()).isEqualTo(2);
  }

  @Test
  void leadingNulBytes_skippedNotThrown() throws Exception {
    List<byte[]> contents =
        List.of(
            new byte[] {0, 0},
            new byte[] {'x', 0, 0},
            new byte[] {'\n', 0, 0},
            new byte[7999],
            new byte[8000],
            new byte[8001],
            concat(new byte[8000], utf8("\n" + event("1") + "\n")));
    for (byte[] content : contents) {
      Path file = write(dir, "nul-" + content.length + "-" + content[0] + ".bin", content);
      CollectingSink sink = new CollectingSink();

      ReadSummary summary = read(reader, file, sink);

      assertThat(sink.skipped).as("skips of %s", file).isNotEmpty();
      assertThat(summary.records())
          .as("records of %s", file)
          .isEqualTo(sink.accepted.size() + sink.skipped.size());
    }
  }

  @Test
  void invalidUtf8StartByte_skipped() throws Exception {
    byte[] content =
        concat(
            utf8(event("1") + "\n{\"eventID\":\"2\",\"x\":\""),
            new byte[] {(byte) 0xff, (byte) 0xfe},
            utf8("\"}\n" + event("3")));
    Path file = write(dir, "utf8.jsonl", content);
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "3");
    assertThat(sink.skipReasons()).containsExactly(SkipReason.MALFORMED_JSON);
  }

  @Test
  void largeEvent_severalMegabytesAccepted() throws Exception {
    String big =
        "{\"eventID\":\"2\",\"requestParameters\":{\"policy\":\"" + "a".repeat(6 * MIB) + "\"}}";
    Path file = write(dir, "big.jsonl", event("1") + "\n" + big + "\n" + event("3") + "\n");
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "2", "3");
    assertThat(summary.skipped()).isZero();
  }

  @Test
  void recordOverLimit_longStringSkipped() throws Exception {
    LogReader small = new LogReader(ReaderLimits.DEFAULTS.withMaxRecordBytes(MIB));
    String big =
        "{\"eventID\":\"2\",\"requestParameters\":{\"policy\":\"" + "a".repeat(3 * MIB) + "\"}}";
    Path file = write(dir, "big.jsonl", event("1") + "\n" + big + "\n" + event("3") + "\n");
    CollectingSink sink = new CollectingSink();

    read(small, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "3");
    assertThat(sink.acceptedLines()).containsExactly(1L, 3L);
    assertThat(sink.skipReasons()).containsExactly(SkipReason.RECORD_TOO_LARGE);
    assertThat(sink.skipped.get(0).location().line()).isEqualTo(2);
  }

  @Test
  void recordOverLimit_manyFieldsSkipped() throws Exception {
    LogReader small = new LogReader(ReaderLimits.DEFAULTS.withMaxRecordBytes(MIB));
    StringBuilder big = new StringBuilder("{\"eventID\":\"2\"");
    for (int i = 0; big.length() < 3 * MIB; i++) {
      big.append(",\"field").append(i).append("\":\"value value value\"");
    }
    big.append('}');
    Path file = write(dir, "wide.jsonl", event("1") + "\n" + big + "\n" + event("3") + "\n");
    CollectingSink sink = new CollectingSink();

    read(small, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "3");
    assertThat(sink.skipReasons()).containsExactly(SkipReason.RECORD_TOO_LARGE);
    assertThat(sink.skipped.get(0).location().line()).isEqualTo(2);
  }

  @Test
  void recordOverLimit_inRecordsArray() throws Exception {
    LogReader small = new LogReader(ReaderLimits.DEFAULTS.withMaxRecordBytes(4096));
    String big = "{\"eventID\":\"2\",\"p\":[" + "1,".repeat(4000) + "1]}";
    String content =
        "{\"Records\":[" + event("1") + "," + big + "," + event("3") + "]}\n" + event("5") + "\n";
    Path file = write(dir, "records.json", content);
    CollectingSink sink = new CollectingSink();

    read(small, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "5");
    assertThat(sink.acceptedLines()).containsExactly(1L, 2L);
    assertThat(sink.skipReasons()).containsExactly(SkipReason.RECORD_TOO_LARGE);
  }

  @Test
  void recordAtLimit_accepted() throws Exception {
    String record = "{\"eventID\":\"1\",\"p\":\"" + "x".repeat(10_000) + "\"}";
    LogReader exact = new LogReader(ReaderLimits.DEFAULTS.withMaxRecordBytes(record.length()));
    LogReader oneLess =
        new LogReader(ReaderLimits.DEFAULTS.withMaxRecordBytes(record.length() - 1));
    Path file = write(dir, "exact.jsonl", event("0") + "\n" + record + "\n" + event("2"));
    CollectingSink exactSink = new CollectingSink();
    CollectingSink oneLessSink = new CollectingSink();

    read(exact, file, exactSink);
    read(oneLess, file, oneLessSink);

    assertThat(exactSink.field("eventID")).containsExactly("0", "1", "2");
    assertThat(oneLessSink.field("eventID")).containsExactly("0", "2");
    assertThat(oneLessSink.skipReasons()).containsExactly(SkipReason.RECORD_TOO_LARGE);
  }

  @Test
  void deepArrayNesting_noStackOverflow() throws Exception {
    Path file = write(dir, "deep.json", "[".repeat(100_000));
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.accepted).isEmpty();
    assertThat(sink.skipReasons()).containsExactly(SkipReason.TOO_DEEP);
    assertThat(summary.records()).isEqualTo(1);
  }

  @Test
  void deepObjectLine_skipped() throws Exception {
    String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
    Path file = write(dir, "deep.jsonl", event("1") + "\n" + deep + "\n" + event("3") + "\n");
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1", "3");
    assertThat(sink.acceptedLines()).containsExactly(1L, 3L);
    assertThat(sink.skipReasons()).containsExactly(SkipReason.TOO_DEEP);
    assertThat(sink.skipped.get(0).location().line()).isEqualTo(2);
  }

  @Test
  void nestingWithinLimit_accepted() throws Exception {
    String nested = "{\"eventID\":\"1\",\"a\":" + "[".repeat(400) + "]".repeat(400) + "}";
    Path file = write(dir, "nested.json", nested);
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1");
  }

  @Test
  void gzipBomb_stoppedByDecompressedLimit() throws Exception {
    LogReader limited = new LogReader(ReaderLimits.DEFAULTS.withMaxDecompressedBytes(8L * MIB));
    Path file = write(dir, "bomb.json.gz", bomb());
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(limited, file, sink);

    assertThat(Files.size(file)).isLessThan(2L * MIB);
    assertThat(sink.field("eventID")).containsExactly("1");
    assertThat(sink.skipReasons()).containsExactly(SkipReason.DECOMPRESSION_LIMIT);
    assertThat(sink.skipped.get(0).detail()).contains(file.toString()).contains("limit");
    assertThat(summary.uncompressedBytes()).isBetween(8L * MIB, 9L * MIB);
  }

  @Test
  void gzipBomb_stoppedByCompressionRatio() throws Exception {
    LogReader limited = new LogReader(ReaderLimits.DEFAULTS.withCompressionRatio(4L * MIB, 200));
    Path file = write(dir, "bomb.gz", bomb());
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(limited, file, sink);

    assertThat(sink.field("eventID")).containsExactly("1");
    assertThat(sink.skipReasons()).containsExactly(SkipReason.DECOMPRESSION_LIMIT);
    assertThat(sink.skipped.get(0).detail()).contains("ratio");
    assertThat(summary.uncompressedBytes()).isLessThan(8L * MIB);
  }

  @Test
  void missingFile_readError() {
    Path missing = dir.resolve("missing.json");
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, missing, sink);

    assertThat(sink.skipReasons()).containsExactly(SkipReason.READ_ERROR);
    assertThat(sink.skipped.get(0).detail()).contains(missing.toString());
    assertThat(summary.records()).isEqualTo(1);
  }

  @Test
  void directoryAsFile_readError() {
    CollectingSink sink = new CollectingSink();

    read(reader, dir, sink);

    assertThat(sink.skipReasons()).containsExactly(SkipReason.READ_ERROR);
    assertThat(sink.skipped.get(0).detail()).contains(dir.toString());
  }

  @Test
  void ioErrorMidStream_recordsBeforeKept() {
    byte[] content = utf8(event("1") + "\n" + event("2") + "\n" + event("3"));
    InputStream failing = new FailingStream(content, content.length - 20);
    CollectingSink sink = new CollectingSink();

    reader.read(InputSource.ofStream("pipe", failing), sink);

    assertThat(sink.field("eventID")).containsExactly("1", "2");
    assertThat(sink.skipReasons()).containsExactly(SkipReason.READ_ERROR);
    assertThat(sink.skipped.get(0).detail()).contains("pipe").contains("disk on fire");
  }

  @Test
  void ioErrorInsideGzip_readErrorNotTruncation() {
    byte[] compressed = gzip(utf8(event("1") + "\n" + event("2")));
    InputStream failing = new FailingStream(compressed, compressed.length - 4);
    CollectingSink sink = new CollectingSink();

    reader.read(InputSource.ofStream("pipe", failing), sink);

    assertThat(sink.skipReasons()).containsExactly(SkipReason.READ_ERROR);
  }

  @Test
  void emptyFile_noRecords() throws Exception {
    Path file = write(dir, "empty.json", "");
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(summary.records()).isZero();
    assertThat(sink.indices).isEmpty();
  }

  /** Returns gzip data of one event followed by 1 GiB of spaces, as 1024 identical members. */
  private static byte[] bomb() {
    byte[] member = gzip(utf8(" ".repeat(MIB)));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    buffer.writeBytes(gzip(utf8(event("1") + "\n")));
    for (int i = 0; i < 1024; i++) {
      buffer.writeBytes(member);
    }
    return buffer.toByteArray();
  }

  /** Delivers bytes up to a point, then fails like a broken disk. */
  private static final class FailingStream extends InputStream {
    private final ByteArrayInputStream content;
    private int remaining;

    FailingStream(byte[] content, int failAfter) {
      this.content = new ByteArrayInputStream(content);
      this.remaining = failAfter;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (remaining <= 0) {
        throw new IOException("disk on fire");
      }
      int n = content.read(buffer, offset, Math.min(length, remaining));
      remaining -= Math.max(n, 0);
      return n;
    }
  }
}
