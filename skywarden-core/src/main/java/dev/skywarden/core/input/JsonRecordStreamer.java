package dev.skywarden.core.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.stats.SkipReason;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams the JSON values of one decoded byte stream as records, without loading more than one
 * record at a time.
 *
 * <p>The stream may hold one or more root values, with or without whitespace or line breaks between
 * them, so JSON Lines, concatenated documents and pretty-printed files all work. A root array
 * yields one record per element. A root object whose first field is a container ({@code Records},
 * {@code records}, {@code value}, {@code logEvents}) or {@code messageType} is read field by field,
 * and each element of a container array is read as its own tree; any other root object is one
 * record. Every record then goes through {@link EnvelopeUnwrapper}.
 *
 * <p>NOTE: a container array is streamed only when it follows the first field or other envelope
 * fields read one by one; an object that starts with an event field is read whole, so a {@code
 * Records} array after such a field counts against the record size limit.
 *
 * <p>After a parse error the streamer emits one skip and resynchronises at the next line that
 * starts (in column 1) with <code>{</code> or <code>[</code>; the lines in between belong to the
 * damaged record. So one bad JSON Line costs one record, and in a file that is one JSON document,
 * an error costs the rest of the document.
 *
 * <p>A plain root record (a JSON Line) that fails is rescanned from its own first line, so a line
 * cut where a value must follow, such as right after a colon, does not take in the next line. This
 * needs the record start to be within the feed's rewind history ({@link ParserFeed}); for a longer
 * damaged record the scan starts where the parser failed.
 *
 * <p>Thread-safe: all state of one stream lives in a {@link Run}.
 */
final class JsonRecordStreamer {

  private static final String MESSAGE_TYPE = "messageType";
  private static final int SCAN_BUFFER_BYTES = 8192;

  private final JsonFactory factory;
  private final ObjectMapper mapper;
  private final EnvelopeUnwrapper unwrapper;
  private final long maxRecordBytes;

  JsonRecordStreamer(ObjectMapper mapper, EnvelopeUnwrapper unwrapper, long maxRecordBytes) {
    this.mapper = mapper;
    this.factory = mapper.getFactory();
    this.unwrapper = unwrapper;
    this.maxRecordBytes = maxRecordBytes;
  }

  /**
   * Reads every record of {@code decoded} into {@code out}.
   *
   * @param fixedLine the line to report for every record, or 0 to report the line where each record
   *     starts in {@code decoded}
   * @throws DamagedInputException when the bytes below the parser are damaged or over a limit
   *     ({@code TRUNCATED_GZIP}, {@code DECOMPRESSION_LIMIT}); reading this stream must stop
   * @throws IOException when the source cannot be read
   */
  void stream(InputStream decoded, RecordEmitter out, long fixedLine) throws IOException {
    new Run(new ParserFeed(decoded, maxRecordBytes), out, fixedLine).run();
  }

  /** The outcome of trying to resume after a damaged record. */
  private enum Resume {
    NOT_POSSIBLE,
    RESUMED,
    END_OF_STREAM
  }

  /** The state of one stream. */
  private final class Run {
    private final ParserFeed feed;
    private final RecordEmitter out;
    private final long fixedLine;

    /** Lines of the stream before the current parser's first line. */
    private long lineBase;

    /** Absolute offset of the current parser's first byte. */
    private long parserStart;

    /** Line where the record being read starts, or 0 between records. */
    private long recordLine;

    /**
     * Absolute offset of the root-level plain record being read (a JSON Line or a single event, not
     * an envelope), or -1. After a parse error inside such a record, the scan for the next record
     * starts right after this record's first line.
     */
    private long plainRecordStart = -1;

    Run(ParserFeed feed, RecordEmitter out, long fixedLine) {
      this.feed = feed;
      this.out = out;
      this.fixedLine = fixedLine;
    }

    void run() throws IOException {
      while (true) {
        parserStart = feed.position();
        JsonParser parser;
        try {
          parser = factory.createParser(feed);
        } catch (JsonProcessingException e) {
          skipDamaged(ParseErrors.reasonFor(e, SkipReason.MALFORMED_JSON), e, 0);
          feed.rewind(parserStart);
          if (!resyncAfter(parserStart, 1)) {
            return;
          }
          continue;
        }

        try {
          readValues(parser);
          return;
        } catch (JsonProcessingException e) {
          DamagedInputException damage = DamagedInputException.find(e);
          if (damage != null && damage.reason() != SkipReason.RECORD_TOO_LARGE) {
            throw damage;
          }
          boolean tooLarge = damage != null;
          SkipReason reason =
              tooLarge
                  ? SkipReason.RECORD_TOO_LARGE
                  : ParseErrors.reasonFor(e, SkipReason.MALFORMED_JSON);
          skipDamaged(reason, e, line(e.getLocation()));
          Resume resume = tooLarge ? Resume.NOT_POSSIBLE : resumeAfterFirstLine();
          if (resume == Resume.END_OF_STREAM) {
            return;
          }
          if (resume == Resume.NOT_POSSIBLE && !resync(parser, !tooLarge)) {
            return;
          }
        } catch (DamagedInputException e) {
          if (e.reason() != SkipReason.RECORD_TOO_LARGE) {
            throw e;
          }
          out.skip(recordLineOr(0), SkipReason.RECORD_TOO_LARGE, e.getMessage());
          if (!resync(parser, false)) {
            return;
          }
        } finally {
          feed.releaseGuard();
          recordLine = 0;
          plainRecordStart = -1;
          parser.close();
        }
      }
    }

    private void readValues(JsonParser parser) throws IOException {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        recordLine = line(parser.currentTokenLocation());
        if (token == JsonToken.START_OBJECT) {
          readRootObject(parser);
        } else if (token == JsonToken.START_ARRAY) {
          readArray(parser, false);
        } else {
          out.skip(
              recordLine,
              SkipReason.NOT_AN_OBJECT,
              "expected a JSON object, found a " + token.asString() + " value");
        }
        recordLine = 0;
      }
    }

    /** Reads a root object, streaming its container field if it starts with one. */
    private void readRootObject(JsonParser parser) throws IOException {
      long start = offset(parser.currentTokenLocation());
      JsonToken token = parser.nextToken();
      if (token != JsonToken.FIELD_NAME) {
        unwrapper.unwrap(mapper.createObjectNode(), recordLine, out);
        return;
      }

      String name = parser.currentName();
      if (EnvelopeUnwrapper.CONTAINER_FIELDS.contains(name) || MESSAGE_TYPE.equals(name)) {
        readEnvelope(parser, start, name);
        return;
      }

      // Positioned at a field name, Jackson reads the rest of the object into one ObjectNode.
      plainRecordStart = start;
      JsonNode record = readRecord(parser, start);
      plainRecordStart = -1;
      if (record != null) {
        unwrapper.unwrap(record, recordLine, out);
      }
    }

    /** Reads an envelope field by field; container arrays yield one record per element. */
    private void readEnvelope(JsonParser parser, long start, String firstName) throws IOException {
      long envelopeLine = recordLine;
      ObjectNode header = mapper.createObjectNode();
      boolean streamed = false;
      boolean control = false;

      String name = firstName;
      while (true) {
        JsonToken value = parser.nextToken();
        if (value == JsonToken.START_ARRAY && EnvelopeUnwrapper.CONTAINER_FIELDS.contains(name)) {
          streamed = true;
          boolean logEvents = EnvelopeUnwrapper.LOG_EVENTS.equals(name);
          if (logEvents && EnvelopeUnwrapper.isControlMessage(header)) {
            parser.skipChildren();
            control = true;
          } else {
            readArray(parser, logEvents);
          }
          recordLine = envelopeLine;
        } else {
          feed.guardRecord(start);
          JsonNode node = mapper.readTree(parser);
          feed.releaseGuard();
          header.set(name, node == null ? NullNode.getInstance() : node);
        }

        if (parser.nextToken() != JsonToken.FIELD_NAME) {
          break;
        }
        name = parser.currentName();
      }

      if (control) {
        out.skip(
            envelopeLine, SkipReason.CONTROL_MESSAGE, "CloudWatch Logs subscription health check");
      } else if (!streamed) {
        unwrapper.unwrap(header, envelopeLine, out);
      }
    }

    /** Reads the elements of an array as records; the parser is at its {@code [}. */
    private void readArray(JsonParser parser, boolean logEvents) throws IOException {
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
        recordLine = line(parser.currentTokenLocation());
        if (token != JsonToken.START_OBJECT) {
          parser.skipChildren();
          out.skip(
              recordLine,
              SkipReason.NOT_AN_OBJECT,
              "expected a JSON object, found a " + token.asString() + " value");
          continue;
        }

        JsonNode record = readRecord(parser, offset(parser.currentTokenLocation()));
        if (record == null) {
          continue;
        }
        if (logEvents) {
          unwrapper.unwrapLogEvent(record, recordLine, out);
        } else {
          unwrapper.unwrap(record, recordLine, out);
        }
      }
    }

    /**
     * Reads the current value into a tree while the record guard watches its size; returns null
     * after emitting a {@code RECORD_TOO_LARGE} skip.
     */
    private JsonNode readRecord(JsonParser parser, long start) throws IOException {
      if (start >= 0) {
        feed.guardRecord(start);
      }
      JsonNode record = mapper.readTree(parser);
      feed.releaseGuard();

      long end = offset(parser.currentLocation());
      if (start >= 0 && end - start > maxRecordBytes) {
        out.skip(
            recordLine,
            SkipReason.RECORD_TOO_LARGE,
            "record of " + (end - start) + " bytes is larger than the limit of " + maxRecordBytes);
        return null;
      }
      return record;
    }

    private void skipDamaged(SkipReason reason, JsonProcessingException error, long errorLine) {
      out.skip(recordLineOr(errorLine), reason, ParseErrors.describe(error, lineBase));
    }

    /**
     * Moves the feed to the start of the next record after a failed parser; returns false at the
     * end of the stream.
     *
     * @param badByteConsumed whether the parser consumed the byte it failed on, so the scan must
     *     look at it: a line break inside a string fails there and ends the damaged line
     */
    private boolean resync(JsonParser parser, boolean badByteConsumed) throws IOException {
      feed.releaseGuard();
      JsonLocation here = parser.currentLocation();
      long consumed = here.getByteOffset() >= 0 ? parserStart + here.getByteOffset() : -1;
      long parserLine = Math.max(1, here.getLineNr());

      long scanFrom = consumed;
      if (badByteConsumed && consumed > parserStart) {
        scanFrom = consumed - 1;
      }
      if (scanFrom < 0 || !feed.canRewindTo(scanFrom)) {
        scanFrom = feed.position();
      }

      // A record cut short fails on the first byte of the next line when that line starts a new
      // record, as in {"a":1 followed by {"b":2}: the next record starts right there. The scan
      // position can be the end of what was read, for example when the parser decoded leading NUL
      // bytes as UTF-16 or UTF-32 and reports no byte offset.
      if (badByteConsumed
          && scanFrom > parserStart
          && here.getColumnNr() == 2
          && feed.isKept(scanFrom)
          && isRecordStart(feed.byteAt(scanFrom))) {
        feed.rewind(scanFrom);
        lineBase = lineBase + parserLine - 1;
        return true;
      }

      feed.rewind(scanFrom);
      return resyncAfter(scanFrom, parserLine);
    }

    /**
     * Resumes after a parse error inside a plain root record by scanning from the record's own
     * start, so that a JSON Line cut where a value must follow (after a colon, inside an array)
     * does not take in the lines after it: Jackson reads the next line as the missing value and
     * fails only later. Returns {@code NOT_POSSIBLE}, leaving the feed alone, when the record start
     * is no longer in the feed's history; the caller then resynchronises from the error position.
     *
     * @throws IOException when the source cannot be read
     */
    private Resume resumeAfterFirstLine() throws IOException {
      if (plainRecordStart < 0 || fixedLine > 0 || !feed.canRewindTo(plainRecordStart)) {
        return Resume.NOT_POSSIBLE;
      }
      feed.releaseGuard();
      long startLineInParser = recordLine - lineBase;
      feed.rewind(plainRecordStart);
      return resyncAfter(plainRecordStart, startLineInParser)
          ? Resume.RESUMED
          : Resume.END_OF_STREAM;
    }

    /** Scans from the feed position, which is on line {@code parserLine} of the failed parser. */
    private boolean resyncAfter(long scanFrom, long parserLine) throws IOException {
      long lineBreaks = scanToRecordStart(scanFrom);
      if (lineBreaks < 0) {
        return false;
      }
      lineBase = lineBase + parserLine - 1 + lineBreaks;
      return true;
    }

    /**
     * Reads up to the next line that starts with <code>{</code> or <code>[</code> and leaves the
     * feed there. Returns the line breaks passed ({@code \r\n} counts once, as in Jackson), or -1
     * at the end.
     */
    private long scanToRecordStart(long from) throws IOException {
      byte[] buffer = new byte[SCAN_BUFFER_BYTES];
      boolean atLineStart = false;
      boolean afterCarriageReturn = false;
      long lineBreaks = 0;
      long position = from;

      while (true) {
        int n = feed.read(buffer, 0, buffer.length);
        if (n < 0) {
          return -1;
        }
        for (int i = 0; i < n; i++) {
          byte b = buffer[i];
          if (b == '\n') {
            if (!afterCarriageReturn) {
              lineBreaks++;
            }
            afterCarriageReturn = false;
            atLineStart = true;
          } else if (b == '\r') {
            lineBreaks++;
            afterCarriageReturn = true;
            atLineStart = true;
          } else {
            if (atLineStart && isRecordStart(b)) {
              feed.rewind(position + i);
              return lineBreaks;
            }
            afterCarriageReturn = false;
            atLineStart = false;
          }
        }
        position += n;
      }
    }

    private boolean isRecordStart(int b) {
      return b == '{' || b == '[';
    }

    private long line(JsonLocation location) {
      if (fixedLine > 0) {
        return fixedLine;
      }
      if (location == null || location.getLineNr() <= 0) {
        return 0;
      }
      return lineBase + location.getLineNr();
    }

    private long recordLineOr(long fallback) {
      return recordLine > 0 ? recordLine : fallback;
    }

    /** Returns the absolute byte offset of {@code location}, or -1 when the parser has none. */
    private long offset(JsonLocation location) {
      long offset = location.getByteOffset();
      return offset >= 0 ? parserStart + offset : -1;
    }
  }
}
