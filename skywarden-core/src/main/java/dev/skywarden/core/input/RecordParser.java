package dev.skywarden.core.input;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.json.Shape;
import dev.skywarden.core.json.ShapedObjectNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * Jackson's UTF-8 parser with two shortcuts for audit log records, which repeat their keys in the
 * same order and many of their values from record to record.
 *
 * <ul>
 *   <li>A short string value of plain ASCII is read into the string that {@link RepeatedTexts}
 *       keeps for the same bytes, so a repeated value is one instance, hashed once.
 *   <li>{@link #readPlainObject} reads a whole object as a tree without Jackson's tokens. It first
 *       compares the input with the key that objects of the same {@link Shape} had next, and only
 *       looks a name up when that differs.
 * </ul>
 *
 * <p>Both give the same texts, trees, locations and errors as Jackson. A value takes the short path
 * only when it lies in the read buffer, has at most {@link RepeatedTexts#MAX_LENGTH} bytes (and no
 * more than the string length limit), and has no escape, control or non-ASCII byte; any other goes
 * to Jackson's own code. {@link #readPlainObject} gives up, and leaves the parser at the same place
 * in the input, on anything outside the plain subset it reads (see there).
 *
 * <p>Not thread-safe, like every Jackson parser. It uses the tables of the thread that calls it, so
 * a parser handed from one thread to another never shares a table with a parser of its first
 * thread.
 */
final class RecordParser extends UTF8StreamJsonParser {

  /** The deepest nesting below a record that {@link #readPlainObject} reads itself. */
  private static final int MAX_PLAIN_DEPTH = 32;

  /** The thread whose tables {@link #texts} and {@link #names} are; see {@link #ownTables}. */
  private Thread owner = Thread.currentThread();

  private RepeatedTexts texts = RepeatedTexts.valuesOfThisThread();
  private RepeatedTexts names = RepeatedTexts.namesOfThisThread();

  /** Maximum length in bytes of a value on the short path; longer ones get Jackson's checks. */
  private final int maxShortLength;

  /** The read position of {@link #readPlainObject}; only valid during a call. */
  private int at;

  /** Whether the current {@link #readPlainObject} gave up at the end of the buffer. */
  private boolean ranOut;

  /** The deepest container, counted from the record as 1, that this call reads itself. */
  private int maxDepth;

  RecordParser(
      IOContext context,
      int features,
      InputStream in,
      ObjectCodec codec,
      ByteQuadsCanonicalizer symbols,
      byte[] buffer,
      int start,
      int end,
      boolean bufferRecyclable) {
    super(context, features, in, codec, symbols, buffer, start, end, 0, bufferRecyclable);
    this.maxShortLength =
        Math.min(RepeatedTexts.MAX_LENGTH, _streamReadConstraints.getMaxStringLength());
  }

  /**
   * Reads the rest of the current string value, whose opening quote was read. Called by Jackson
   * once per value, when a caller first asks for the text.
   */
  @Override
  protected String _finishAndReturnString() throws IOException {
    ownTables();
    int start = _inputPtr;
    int end = closingQuote(start, maxShortLength);
    if (end < 0) {
      return super._finishAndReturnString();
    }

    String text = texts.text(_inputBuffer, start, end - start);
    _inputPtr = end + 1;
    // Later calls for the same token (getTextCharacters, a second getText) read the text buffer.
    _textBuffer.resetWithString(text);
    return text;
  }

  /**
   * Reads the object whose {@code START_OBJECT} is the current token, up to and including its
   * {@code END_OBJECT}, as {@code ObjectMapper.readTree} would with {@code nodes}, and leaves the
   * parser as it does: after that {@code END_OBJECT}, with the current token cleared.
   *
   * <p>Returns null, with the parser at the same place in the input, when the object leaves the
   * plain subset that this reader handles: keys and strings of ASCII from space to DEL without
   * escapes (values up to {@link RepeatedTexts#MAX_LENGTH} bytes), integers of up to 18 digits,
   * {@code true}, {@code false}, {@code null}, nesting up to {@value #MAX_PLAIN_DEPTH} levels, no
   * duplicate key, no line break, and all of it within the read buffer once the unread bytes are
   * moved to its start. The caller then reads the object with Jackson, which also reports any
   * error. Before giving up, the parser may have moved the unread bytes to the buffer start and
   * read more of the stream, as Jackson would have to. It may also have added shapes and stored
   * values. None of that changes what Jackson then reads.
   *
   * @throws IOException when reading more of the stream fails, as Jackson's own read would
   */
  ObjectNode readPlainObject(JsonNodeFactory nodes) throws IOException {
    if (_currToken != JsonToken.START_OBJECT || _tokenIncomplete || _nextToken != null) {
      return null;
    }
    ownTables();
    // Containers below this object may nest this much deeper before Jackson's limit.
    int depthLeft = _streamReadConstraints.getMaxNestingDepth() - _parsingContext.getNestingDepth();
    maxDepth = Math.min(MAX_PLAIN_DEPTH, depthLeft + 1);

    ObjectNode object = readFrom(_inputPtr, nodes);
    if (object == null && ranOut && moreBytesAtEnd()) {
      object = readFrom(_inputPtr, nodes);
    }
    if (object == null) {
      return null;
    }

    // Leave the parser as Jackson leaves it after the closing brace (_closeObjectScope).
    _inputPtr = at;
    _tokenInputRow = _currInputRow;
    _tokenInputTotal = _currInputProcessed + at;
    _tokenInputCol = at - _currInputRowStart;
    _parsingContext = _parsingContext.clearAndGetParent();
    _updateToken(JsonToken.END_OBJECT);
    // ObjectMapper.readTree consumes the last token; do the same.
    clearCurrentToken();
    return object;
  }

  /**
   * Takes the tables of the calling thread when another thread made or last used this parser, so
   * that two threads never share a table, which is not thread-safe.
   */
  private void ownTables() {
    Thread current = Thread.currentThread();
    if (current != owner) {
      owner = current;
      texts = RepeatedTexts.valuesOfThisThread();
      names = RepeatedTexts.namesOfThisThread();
    }
  }

  private ObjectNode readFrom(int start, JsonNodeFactory nodes) {
    at = start;
    ranOut = false;
    return readObjectBody(nodes, 1);
  }

  /**
   * Moves the unread bytes to the start of the buffer and reads more after them with one read of
   * the stream, keeping the location bookkeeping as Jackson's {@code _loadMore} does. One read, as
   * Jackson would make, so that a record size guard in the stream counts no more than it would.
   *
   * @return whether any byte was added
   */
  private boolean moreBytesAtEnd() throws IOException {
    if (_inputStream == null || (_inputEnd == _inputBuffer.length && _inputPtr == 0)) {
      return false;
    }
    int unread = _inputEnd - _inputPtr;
    System.arraycopy(_inputBuffer, _inputPtr, _inputBuffer, 0, unread);
    _currInputProcessed += _inputPtr;
    _currInputRowStart -= _inputPtr;
    _nameStartOffset -= _inputPtr;
    _streamReadConstraints.validateDocumentLength(_currInputProcessed);
    _inputPtr = 0;
    _inputEnd = unread;
    int n = _inputStream.read(_inputBuffer, unread, _inputBuffer.length - unread);
    if (n < 0) {
      // As _loadMore does at the end: no more reads from this stream, which may be a terminal.
      _closeInput();
    }
    if (n <= 0) {
      return false;
    }
    _inputEnd += n;
    return true;
  }

  /**
   * Reads object members from {@link #at}, just after the opening brace, through the closing one.
   */
  private ObjectNode readObjectBody(JsonNodeFactory nodes, int depth) {
    ObjectNode object = nodes.objectNode();
    ShapedObjectNode shaped = object instanceof ShapedObjectNode s ? s : null;
    int b = skipSpaces();
    if (b == '}') {
      at++;
      return object;
    }
    while (b == '"') {
      at++;
      String name = shaped == null ? null : likelyName(shaped.shape());
      if (name == null) {
        name = readName();
        if (name == null) {
          return null;
        }
      }
      if (skipSpaces() != ':') {
        return null;
      }
      at++;
      JsonNode value = readValue(nodes, depth);
      if (value == null || object.replace(name, value) != null) {
        return null;
      }
      b = skipSpaces();
      if (b == '}') {
        at++;
        return object;
      }
      if (b != ',') {
        return null;
      }
      at++;
      b = skipSpaces();
    }
    return null;
  }

  /**
   * Returns the shape's likely next key when the input at {@link #at} spells it and its closing
   * quote, moving past both; else null, moving nowhere.
   */
  private String likelyName(Shape shape) {
    if (shape == null) {
      return null;
    }
    String key = shape.likelyKey();
    byte[] quoted = key == null ? null : shape.likelyKeyQuoted();
    if (quoted == null || at + quoted.length > _inputEnd) {
      return null;
    }
    if (!AsciiScan.sameBytes(quoted, _inputBuffer, at)) {
      return null;
    }
    at += quoted.length;
    return key;
  }

  /** Reads a plain ASCII name after its opening quote, through its closing quote; else null. */
  private String readName() {
    int start = at;
    int end = closingQuote(start, RepeatedTexts.MAX_LENGTH);
    if (end < 0) {
      return null;
    }
    at = end + 1;
    return names.text(_inputBuffer, start, end - start);
  }

  /** Reads a value at {@link #at}, after optional spaces; null when it is not plain. */
  private JsonNode readValue(JsonNodeFactory nodes, int depth) {
    int b = skipSpaces();
    if ((b == '{' || b == '[') && depth >= maxDepth) {
      return null;
    }
    return switch (b) {
      case '"' -> {
        at++;
        yield readString(nodes);
      }
      case '{' -> {
        at++;
        yield readObjectBody(nodes, depth + 1);
      }
      case '[' -> {
        at++;
        yield readArrayBody(nodes, depth + 1);
      }
      case 't' -> literal(TRUE, BooleanNode.TRUE);
      case 'f' -> literal(FALSE, BooleanNode.FALSE);
      case 'n' -> literal(NULL, NullNode.getInstance());
      default -> b == '-' || (b >= '0' && b <= '9') ? readInteger(nodes) : null;
    };
  }

  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  /**
   * Reads array elements from {@link #at}, just after the opening bracket, through the closing one.
   */
  private ArrayNode readArrayBody(JsonNodeFactory nodes, int depth) {
    ArrayNode array = nodes.arrayNode();
    int b = skipSpaces();
    if (b == ']') {
      at++;
      return array;
    }
    while (true) {
      JsonNode value = readValue(nodes, depth);
      if (value == null) {
        return null;
      }
      array.add(value);
      b = skipSpaces();
      if (b == ']') {
        at++;
        return array;
      }
      if (b != ',') {
        return null;
      }
      at++;
    }
  }

  /** Reads a plain ASCII string value after its opening quote, through its closing quote. */
  private JsonNode readString(JsonNodeFactory nodes) {
    int start = at;
    int end = closingQuote(start, maxShortLength);
    if (end < 0) {
      return null;
    }
    at = end + 1;
    return nodes.textNode(texts.text(_inputBuffer, start, end - start));
  }

  /**
   * Returns the index of the quote that closes a plain ASCII string of at most {@code maxLength}
   * bytes starting at {@code start}, or -1. Sets {@link #ranOut} when the buffer ended first.
   */
  private int closingQuote(int start, int maxLength) {
    int limit = Math.min(_inputEnd, start + maxLength + 1);
    int end = AsciiScan.firstSpecial(_inputBuffer, start, limit);
    if (end < limit && _inputBuffer[end] == '"') {
      return end;
    }
    ranOut = end >= _inputEnd;
    return -1;
  }

  /**
   * Reads an integer as Jackson's tree reader makes it: an int node when it fits an int, else a
   * long node. Gives up on fractions, exponents, leading zeros and more than 18 digits.
   */
  private JsonNode readInteger(JsonNodeFactory nodes) {
    int i = at;
    boolean negative = _inputBuffer[i] == '-';
    if (negative) {
      i++;
    }
    int first = i;
    long value = 0;
    while (i < _inputEnd && i - first <= 18) {
      int digit = _inputBuffer[i] - '0';
      if (digit < 0 || digit > 9) {
        break;
      }
      value = value * 10 + digit;
      i++;
    }
    int digits = i - first;
    if (digits == 0 || digits > 18 || (digits > 1 && _inputBuffer[first] == '0')) {
      return null;
    }
    if (i >= _inputEnd) {
      ranOut = true;
      return null;
    }
    if (!endsValue(_inputBuffer[i])) {
      return null;
    }
    at = i;
    long signed = negative ? -value : value;
    return signed == (int) signed ? nodes.numberNode((int) signed) : nodes.numberNode(signed);
  }

  private JsonNode literal(byte[] spelling, JsonNode node) {
    int end = at + spelling.length;
    if (end >= _inputEnd) {
      ranOut = true;
      return null;
    }
    if (!AsciiScan.sameBytes(spelling, _inputBuffer, at) || !endsValue(_inputBuffer[end])) {
      return null;
    }
    at = end;
    return node;
  }

  /** Returns whether a byte may follow a number or literal in the plain subset. */
  private static boolean endsValue(byte b) {
    return b == ',' || b == '}' || b == ']' || b == ' ' || b == '\t';
  }

  /**
   * Moves {@link #at} past spaces and tabs and returns the byte there, or -1 at the buffer end or
   * at a line break, which the plain subset leaves to Jackson's line counting.
   */
  private int skipSpaces() {
    while (at < _inputEnd) {
      int b = _inputBuffer[at];
      if (b != ' ' && b != '\t') {
        return b == '\n' || b == '\r' ? -1 : b;
      }
      at++;
    }
    ranOut = true;
    return -1;
  }
}
