package dev.skywarden.core.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
 * damaged record. So one bad JSON Line costs one record. Inside a streamed container array (a root
 * array, or {@code Records}, {@code records}, {@code value} or {@code logEvents} of an envelope),
 * the streamer instead scans for the next element start and goes on to the end of the array, so one
 * bad element costs one skip (see {@code ArrayRecovery}). Elsewhere in a file that is one JSON
 * document, an error costs the rest of the document.
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

  /** The mapper's node factory, with which {@link RecordParser} builds the same trees. */
  private final JsonNodeFactory nodes;

  private final EnvelopeUnwrapper unwrapper;
  private final long maxRecordBytes;

  JsonRecordStreamer(ObjectMapper mapper, EnvelopeUnwrapper unwrapper, long maxRecordBytes) {
    this.mapper = mapper;
    this.factory = mapper.getFactory();
    this.nodes = mapper.getNodeFactory();
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
    ParserFeed feed = new ParserFeed(decoded, maxRecordBytes);
    try {
      new Run(feed, out, fixedLine).run();
    } finally {
      feed.release();
    }
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
          if (!readValues(parser)) {
            return;
          }
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

    /**
     * Reads root values to the end of the stream. Returns true when a container array was recovered
     * after damage: the feed is then past that root value and a new parser must go on from there.
     */
    private boolean readValues(JsonParser parser) throws IOException {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        recordLine = line(parser.currentTokenLocation());
        if (token == JsonToken.START_OBJECT) {
          if (readRootObject(parser)) {
            return true;
          }
        } else if (token == JsonToken.START_ARRAY) {
          if (readArray(parser, false, false)) {
            return true;
          }
        } else {
          out.skip(
              recordLine,
              SkipReason.NOT_AN_OBJECT,
              "expected a JSON object, found " + ParseErrors.valueKind(token));
        }
        recordLine = 0;
      }
      return false;
    }

    /**
     * Reads a root object, streaming its container field if it starts with one. Returns true when
     * its container array was recovered after damage (see {@link #readValues}).
     */
    private boolean readRootObject(JsonParser parser) throws IOException {
      long start = offset(parser.currentTokenLocation());
      // Until its first field name shows an envelope, an object that fails is a plain record, so
      // the scan for the next one starts after its own first line: a lone { at the end of the
      // stream then costs one skip, not a second one for the same brace.
      plainRecordStart = start;
      JsonToken token = parser.nextToken();
      if (token != JsonToken.FIELD_NAME) {
        plainRecordStart = -1;
        unwrapper.unwrap(mapper.createObjectNode(), recordLine, out);
        return false;
      }

      String name = parser.currentName();
      if (EnvelopeUnwrapper.CONTAINER_FIELDS.contains(name) || MESSAGE_TYPE.equals(name)) {
        plainRecordStart = -1;
        return readEnvelope(parser, start, name);
      }

      // Positioned at a field name, Jackson reads the rest of the object into one ObjectNode.
      JsonNode record = readRecord(parser, start);
      plainRecordStart = -1;
      if (record != null) {
        unwrapper.unwrap(record, recordLine, out);
      }
      return false;
    }

    /**
     * Reads an envelope field by field; container arrays yield one record per element. Returns true
     * when a container array was recovered after damage (see {@link #readValues}).
     */
    private boolean readEnvelope(JsonParser parser, long start, String firstName)
        throws IOException {
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
          } else if (readArray(parser, logEvents, true)) {
            return true;
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
      return false;
    }

    /**
     * Reads the elements of an array as records; the parser is at its {@code [}. After a parse
     * error in an element, the rest of the array is recovered ({@link ArrayRecovery}) and this
     * method returns true: the feed is then past the array (and past the envelope's closing brace
     * when {@code inEnvelope}), and the caller must stop using {@code parser}.
     *
     * @throws JsonProcessingException when the error cannot be recovered here: damage below the
     *     parser, a record over the size limit, or a parser without byte offsets
     */
    private boolean readArray(JsonParser parser, boolean logEvents, boolean inEnvelope)
        throws IOException {
      JsonLocation arrayStart = parser.currentTokenLocation();
      long elementStart = offset(arrayStart);
      long breaksBefore = lineBase + arrayStart.getLineNr() - 1;

      while (true) {
        try {
          JsonToken token = parser.nextToken();
          if (token == JsonToken.END_ARRAY || token == null) {
            return false;
          }
          JsonLocation location = parser.currentTokenLocation();
          recordLine = line(location);
          elementStart = offset(location);
          breaksBefore = lineBase + location.getLineNr() - 1;
          readElement(parser, token, logEvents);
          recordLine = 0;
        } catch (JsonProcessingException e) {
          if (!canRecover(e, parser, elementStart)) {
            throw e;
          }
          skipDamaged(
              ParseErrors.reasonFor(e, SkipReason.MALFORMED_JSON), e, line(e.getLocation()));
          recordLine = 0;
          FeedCursor cursor = scanStartAfterError(parser, elementStart, breaksBefore);
          FeedCursor end = new ArrayRecovery(cursor, logEvents, inEnvelope).run();
          lineBase = end.lineBreaks();
          return true;
        }
      }
    }

    private void readElement(JsonParser parser, JsonToken token, boolean logEvents)
        throws IOException {
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        out.skip(
            recordLine,
            SkipReason.NOT_AN_OBJECT,
            "expected a JSON object, found " + ParseErrors.valueKind(token));
        return;
      }

      JsonNode record = readRecord(parser, offset(parser.currentTokenLocation()));
      if (record != null) {
        emitElement(record, recordLine, logEvents);
      }
    }

    private void emitElement(JsonNode record, long line, boolean logEvents) {
      if (logEvents) {
        unwrapper.unwrapLogEvent(record, line, out);
      } else {
        unwrapper.unwrap(record, line, out);
      }
    }

    private boolean canRecover(JsonProcessingException error, JsonParser parser, long start) {
      return DamagedInputException.find(error) == null
          && start >= 0
          && parser.currentLocation().getByteOffset() >= 0;
    }

    /**
     * Returns a cursor right after the first byte of the damaged element at {@code start}, with
     * {@code breaksBefore} line breaks before that element. The scan restarts inside the damaged
     * element because a value cut short, such as an unclosed string, can swallow the comma and
     * brace of the next element, and the parser then fails only after them. When the feed no longer
     * keeps {@code start}, the cursor starts where {@code failed} stopped, on the parser's line.
     */
    private FeedCursor scanStartAfterError(JsonParser failed, long start, long breaksBefore)
        throws IOException {
      feed.releaseGuard();
      if (feed.canRewindTo(start) && start < feed.position()) {
        FeedCursor cursor = new FeedCursor(feed, start, breaksBefore);
        cursor.next();
        return cursor;
      }

      JsonLocation here = failed.currentLocation();
      long consumed = parserStart + here.getByteOffset();
      long from = feed.canRewindTo(consumed - 1) ? consumed - 1 : feed.position();
      return new FeedCursor(feed, from, lineBase + Math.max(1, here.getLineNr()) - 1);
    }

    /**
     * Recovers the rest of a container array after a parse error in one of its elements. It scans
     * the raw bytes for the next element start, a <code>{</code> after a comma and followed by a
     * field name or <code>}</code>, and parses one object from there with a new parser. Each
     * fragment that parses is passed on like an element; when the damaged element contained
     * objects, fragments of it are passed on too, and the normaliser skips them. Each stretch that
     * fails to parse costs one skip. The array ends at a <code>]</code> not followed by a comma
     * (for an envelope, <code>]</code> and <code>}</code>).
     *
     * <p>NOTE: a container followed by more envelope fields, as in {@code {"Records":[...],"x":1}},
     * looks like a nested array, so recovery then runs to the end of the stream.
     */
    private final class ArrayRecovery {
      private FeedCursor cursor;
      private final boolean logEvents;
      private final boolean inEnvelope;
      private FeedCursor.Mark elementStart;

      ArrayRecovery(FeedCursor cursor, boolean logEvents, boolean inEnvelope) {
        this.cursor = cursor;
        this.logEvents = logEvents;
        this.inEnvelope = inEnvelope;
      }

      /** Recovers up to the end of the array or stream; returns the cursor, synced to the feed. */
      FeedCursor run() throws IOException {
        while (scanToElementStart()) {
          readFragment(elementStart);
        }
        cursor.syncFeed();
        return cursor;
      }

      /**
       * Moves to the next element start and returns true, or returns false with the cursor after
       * the end of the array or at the end of the stream.
       */
      private boolean scanToElementStart() throws IOException {
        while (true) {
          int b = cursor.next();
          if (b < 0) {
            return false;
          }
          if (b == ',' && atElementStart()) {
            return true;
          }
          if (b == ']' && atArrayEnd()) {
            return false;
          }
        }
      }

      /** Checks the bytes after a comma; on a match, stores the brace position in elementStart. */
      private boolean atElementStart() throws IOException {
        FeedCursor.Mark afterComma = cursor.save();
        if (cursor.nextNonWhitespace() == '{') {
          FeedCursor.Mark brace =
              new FeedCursor.Mark(cursor.position() - 1, cursor.lineBreaks(), false);
          int next = cursor.nextNonWhitespace();
          if (next == '"' || next == '}') {
            elementStart = brace;
            return true;
          }
        }
        cursor.restore(afterComma);
        return false;
      }

      /** Checks the bytes after a <code>]</code>; on a match, leaves the cursor after the end. */
      private boolean atArrayEnd() throws IOException {
        FeedCursor.Mark afterBracket = cursor.save();
        if (inEnvelope && cursor.nextNonWhitespace() != '}') {
          cursor.restore(afterBracket);
          return false;
        }
        FeedCursor.Mark end = cursor.save();
        boolean nested = cursor.nextNonWhitespace() == ',';
        cursor.restore(nested ? afterBracket : end);
        return !nested;
      }

      private void readFragment(FeedCursor.Mark brace) throws IOException {
        cursor.restore(brace);
        cursor.syncFeed();
        parserStart = brace.position();
        lineBase = brace.lineBreaks();

        JsonParser parser = null;
        try {
          parser = factory.createParser(feed);
          parser.nextToken();
          recordLine = line(parser.currentTokenLocation());
          JsonNode record = readRecord(parser, brace.position());
          if (record != null) {
            emitElement(record, recordLine, logEvents);
          }
          JsonLocation end = parser.currentLocation();
          cursor =
              new FeedCursor(
                  feed, parserStart + end.getByteOffset(), lineBase + end.getLineNr() - 1);
        } catch (JsonProcessingException e) {
          DamagedInputException damage = DamagedInputException.find(e);
          if (damage != null) {
            skipTooLarge(damage, parser);
          } else {
            skipDamaged(
                ParseErrors.reasonFor(e, SkipReason.MALFORMED_JSON), e, line(e.getLocation()));
            cursor = scanStartAfterError(parser, brace.position(), brace.lineBreaks());
          }
        } catch (DamagedInputException e) {
          skipTooLarge(e, parser);
        } finally {
          feed.releaseGuard();
          recordLine = 0;
          if (parser != null) {
            parser.close();
          }
        }
      }

      /** Skips a fragment over the size limit and scans on from where the feed stopped. */
      private void skipTooLarge(DamagedInputException damage, JsonParser parser)
          throws DamagedInputException {
        if (damage.reason() != SkipReason.RECORD_TOO_LARGE || parser == null) {
          throw damage;
        }
        out.skip(recordLineOr(0), SkipReason.RECORD_TOO_LARGE, damage.getMessage());
        feed.releaseGuard();
        // NOTE: the parser's line lags behind the feed by its read buffer, so later lines in this
        // array may be reported a few lines early.
        long breaks = lineBase + Math.max(1, parser.currentLocation().getLineNr()) - 1;
        cursor = new FeedCursor(feed, feed.position(), breaks);
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
      JsonNode record = parser instanceof RecordParser plain ? plain.readPlainObject(nodes) : null;
      if (record == null) {
        record = mapper.readTree(parser);
      }
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
