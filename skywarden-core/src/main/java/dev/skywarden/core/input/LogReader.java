package dev.skywarden.core.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.skywarden.core.json.ShapedNodeFactory;
import dev.skywarden.core.stats.SkipReason;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads cloud audit log files into records: detects gzip by its magic bytes, streams the JSON, and
 * removes containers and delivery envelopes (see {@link EnvelopeUnwrapper} for the list). The sink
 * receives bare events and skips.
 *
 * <p>Accepted byte layouts: plain or gzip (one or several members, whatever the file name), and
 * text where each line is base64 of gzip data (Kinesis and Firehose delivery). The JSON may be one
 * document, a root array, JSON Lines, or documents concatenated without separator, in UTF-8 with or
 * without a byte order mark and with LF or CRLF line ends.
 *
 * <p>Every record ends in exactly one sink call. Damaged input becomes skips, not exceptions.
 * Malformed JSON, nesting deeper than {@link ReaderLimits#maxNestingDepth()} and records larger
 * than {@link ReaderLimits#maxRecordBytes()} each cost one skip, and reading resumes at the next
 * line that starts with <code>{</code> or {@code [}. A truncated or corrupt gzip stream, the
 * decompression limit, or an I/O error end the source with one skip each ({@code TRUNCATED_GZIP},
 * {@code DECOMPRESSION_LIMIT}, {@code READ_ERROR}); the records before are kept. Invalid UTF-8
 * inside a string is malformed JSON. Exceptions thrown by the sink propagate unchanged.
 *
 * <p>Thread-safe: the reader keeps only its limits and a shared Jackson mapper, so one instance can
 * read many sources on many threads; one call reads one source on the calling thread.
 */
public final class LogReader {

  private final ReaderLimits limits;
  private final JsonRecordStreamer streamer;

  /** Creates a reader with {@link ReaderLimits#DEFAULTS}. */
  public LogReader() {
    this(ReaderLimits.DEFAULTS);
  }

  /** Creates a reader with the given limits. */
  public LogReader(ReaderLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");

    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxNestingDepth())
            .maxStringLength((int) limits.maxRecordBytes())
            .build();
    // Values that repeat between records (names, ARNs, user agents) are read into shared strings.
    JsonFactory factory =
        new RecordParserFactory(
            (JsonFactoryBuilder)
                JsonFactory.builder()
                    .streamReadConstraints(constraints)
                    .disable(StreamReadFeature.AUTO_CLOSE_SOURCE));
    // Records of one log repeat a few key sets, so their objects share the shapes of their keys.
    JsonMapper mapper = JsonMapper.builder(factory).nodeFactory(ShapedNodeFactory.SHARED).build();
    this.streamer =
        new JsonRecordStreamer(mapper, new EnvelopeUnwrapper(mapper), limits.maxRecordBytes());
  }

  /** Returns the limits of this reader. */
  public ReaderLimits limits() {
    return limits;
  }

  /**
   * Reads every record of {@code source} into {@code sink}.
   *
   * @return what was read; its record count equals the number of sink calls
   */
  public ReadSummary read(InputSource source, RecordSink sink) {
    RecordEmitter out = new RecordEmitter(source.name(), Objects.requireNonNull(sink, "sink"));
    DecompressionGuard.Counters counters = new DecompressionGuard.Counters();
    SourceByteStream bytes = null;

    try (InputStream raw = source.open()) {
      bytes = new SourceByteStream(raw);
      readBytes(bytes, out, counters);
    } catch (DamagedInputException e) {
      out.skip(0, e.reason(), e.getMessage());
    } catch (IOException e) {
      out.skip(0, SkipReason.READ_ERROR, "cannot read " + source.name() + ": " + describe(e));
    }

    long sourceBytes = bytes == null ? 0 : bytes.bytesRead();
    long uncompressedBytes = counters.compressed() ? counters.decodedBytes() : sourceBytes;
    return out.summary(sourceBytes, uncompressedBytes);
  }

  private void readBytes(
      SourceByteStream bytes, RecordEmitter out, DecompressionGuard.Counters counters)
      throws IOException {
    if (bytes.startsWithGzipMagic()) {
      streamer.stream(DecompressionGuard.open(bytes, out.input(), bytes, limits, counters), out, 0);
    } else if (Base64GzipLines.startsWithBase64Gzip(bytes)) {
      new Base64GzipLines(streamer, limits, counters).read(bytes, out);
    } else {
      streamer.stream(bytes, out, 0);
    }
  }

  private static String describe(IOException error) {
    String message = error.getMessage();
    String type = error.getClass().getSimpleName();
    return message == null ? type : type + ": " + message;
  }
}
