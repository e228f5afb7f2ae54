package dev.skywarden.core.sigma.modifier;

import dev.skywarden.core.sigma.value.SigmaExpansion;
import dev.skywarden.core.sigma.value.SigmaString;
import dev.skywarden.core.sigma.value.SigmaValue;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * Encoding modifiers: {@code base64}, {@code base64offset} and the UTF-16 family. The UTF-16
 * modifiers produce a binary string whose characters are bytes, which {@code base64} then encodes
 * as is; other strings are encoded as UTF-8.
 */
final class EncodingModifiers {

  private EncodingModifiers() {}

  static void registerAll(Consumer<SigmaModifier> register) {
    register.accept(
        SigmaModifiers.of("base64", target -> target.mapStrings(EncodingModifiers::base64)));
    register.accept(
        SigmaModifiers.of(
            "base64offset", target -> target.mapStrings(EncodingModifiers::base64Offset)));
    register.accept(
        SigmaModifiers.of(
            "utf16le", target -> target.mapStrings(s -> utf16(s, StandardCharsets.UTF_16LE, ""))));
    register.accept(
        SigmaModifiers.of(
            "wide", target -> target.mapStrings(s -> utf16(s, StandardCharsets.UTF_16LE, ""))));
    register.accept(
        SigmaModifiers.of(
            "utf16be", target -> target.mapStrings(s -> utf16(s, StandardCharsets.UTF_16BE, ""))));
    register.accept(
        SigmaModifiers.of(
            "utf16",
            target -> target.mapStrings(s -> utf16(s, StandardCharsets.UTF_16LE, "\u00ff\u00fe"))));
  }

  private static SigmaValue base64(SigmaString value) {
    return SigmaString.literal(Base64.getEncoder().encodeToString(bytes(value)));
  }

  /**
   * Encodes the value at the three byte offsets it can have inside a longer Base64 text, keeping
   * only the characters that do not depend on the bytes around it (the pySigma algorithm).
   */
  private static SigmaValue base64Offset(SigmaString value) {
    byte[] plain = bytes(value);
    int[] startOffsets = {0, 2, 3};
    int[] endTrims = {0, 3, 2};
    List<SigmaValue> alternatives = new ArrayList<>(3);
    for (int shift = 0; shift < 3; shift++) {
      byte[] shifted = new byte[plain.length + shift];
      for (int i = 0; i < shift; i++) {
        shifted[i] = ' ';
      }
      System.arraycopy(plain, 0, shifted, shift, plain.length);
      String encoded = Base64.getEncoder().encodeToString(shifted);
      int end = encoded.length() - endTrims[(plain.length + shift) % 3];
      int start = Math.min(startOffsets[shift], end);
      alternatives.add(SigmaString.literal(encoded.substring(start, end)));
    }
    return new SigmaExpansion(alternatives);
  }

  private static SigmaValue utf16(SigmaString value, Charset charset, String byteOrderMark) {
    if (value.binary()) {
      throw new IllegalArgumentException("'" + value + "' is already encoded");
    }
    SigmaString encoded =
        value.mapLiterals(
            text -> new String(text.getBytes(charset), StandardCharsets.ISO_8859_1), true);
    if (byteOrderMark.isEmpty()) {
      return encoded;
    }
    List<SigmaString.Part> parts = new ArrayList<>();
    parts.add(new SigmaString.Literal(byteOrderMark));
    parts.addAll(encoded.parts());
    return new SigmaString(parts, null, true);
  }

  private static byte[] bytes(SigmaString value) {
    if (value.hasWildcards()) {
      throw new IllegalArgumentException(
          "'" + value + "' has wildcards, which cannot be Base64-encoded");
    }
    return value
        .plainText()
        .getBytes(value.binary() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }
}
