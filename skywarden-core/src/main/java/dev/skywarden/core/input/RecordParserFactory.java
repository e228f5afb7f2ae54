package dev.skywarden.core.input;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * A JSON factory whose parsers of byte streams are {@link RecordParser}s, so repeated string values
 * come out as shared strings. Parsers of other sources are Jackson's.
 *
 * <p>It takes the first four bytes of a stream to tell its encoding. Only a stream that Jackson
 * would read as UTF-8 without a byte order mark gets a value-sharing parser: four bytes, none of
 * them zero, and the first not the start of a byte order mark. Any other stream (UTF-16, UTF-32, a
 * BOM, fewer than four bytes) goes to Jackson's own detection with the same bytes.
 *
 * <p>Thread-safe, like {@link JsonFactory}.
 */
final class RecordParserFactory extends JsonFactory {

  private static final long serialVersionUID = 1L;

  private static final int PROBE_BYTES = 4;

  RecordParserFactory(JsonFactoryBuilder builder) {
    super(builder);
  }

  private RecordParserFactory(RecordParserFactory source) {
    super(source, null);
  }

  @Override
  public JsonFactory copy() {
    return new RecordParserFactory(this);
  }

  @Override
  protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
    if (!isEnabled(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
        || !isEnabled(JsonFactory.Feature.INTERN_FIELD_NAMES)
        || !isEnabled(JsonFactory.Feature.CHARSET_DETECTION)) {
      return super._createParser(in, context);
    }

    byte[] buffer = context.allocReadIOBuffer();
    int end = 0;
    while (end < PROBE_BYTES) {
      int n = in.read(buffer, end, buffer.length - end);
      if (n <= 0) {
        break;
      }
      end += n;
    }

    if (!plainUtf8(buffer, end)) {
      byte[] probed = Arrays.copyOf(buffer, end);
      context.releaseReadIOBuffer(buffer);
      // SequenceInputStream closes each stream it reaches the end of, but the caller owns in.
      return super._createParser(
          new SequenceInputStream(new ByteArrayInputStream(probed), new NotClosed(in)), context);
    }
    // As Jackson's own bootstrapper does for UTF-8 found without a byte order mark.
    context.setEncoding(JsonEncoding.UTF8);
    return new RecordParser(
        context,
        _parserFeatures,
        in,
        _objectCodec,
        _byteSymbolCanonicalizer.makeChild(_factoryFeatures),
        buffer,
        0,
        end,
        true);
  }

  /**
   * Returns whether the first bytes show UTF-8 without a byte order mark, as Jackson decides it.
   */
  private static boolean plainUtf8(byte[] buffer, int length) {
    if (length < PROBE_BYTES) {
      return false;
    }
    for (int i = 0; i < PROBE_BYTES; i++) {
      if (buffer[i] == 0) {
        return false;
      }
    }
    int first = buffer[0] & 0xff;
    return first != 0xef && first != 0xfe && first != 0xff;
  }

  /** A view of a stream whose {@code close} leaves the stream open. */
  private static final class NotClosed extends FilterInputStream {

    NotClosed(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // The stream belongs to the caller of createParser.
    }
  }
}
