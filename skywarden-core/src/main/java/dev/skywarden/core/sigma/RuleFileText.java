package dev.skywarden.core.sigma;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding of rule files, so a binary or wrongly encoded file is reported at its first
 * bad byte instead of ending the whole load. Thread-safe: it keeps no state.
 */
final class RuleFileText {

  private RuleFileText() {}

  /**
   * Decodes the content of a rule file as UTF-8.
   *
   * @param file the file name used in the error location
   * @param bytes the file content
   * @return the decoded text
   * @throws SigmaSyntaxException at the line and column of the first invalid UTF-8 sequence or NUL
   *     byte, which YAML text never contains
   */
  static String decode(String file, byte[] bytes) {
    int nul = indexOfNul(bytes);
    int end = nul < 0 ? bytes.length : nul;
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, end);
    // UTF-8 never decodes to more UTF-16 units than it has bytes.
    CharBuffer out = CharBuffer.allocate(end);
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }

    int badByte = result.isError() ? in.position() : nul;
    out.flip();
    if (badByte < 0) {
      return out.toString();
    }
    throw new SigmaSyntaxException(
        locationAfter(file, out.toString()),
        String.format("file is not UTF-8 text: invalid byte 0x%02x", bytes[badByte] & 0xff));
  }

  private static int indexOfNul(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the 1-based line and column of the character that follows {@code text}. */
  private static RuleLocation locationAfter(String file, String text) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new RuleLocation(file, line, text.length() - lineStart + 1);
  }
}
