package dev.skywarden.core.input;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small inputs for reader tests, written by the tests themselves. */
final class ReaderFixtures {

  private ReaderFixtures() {}

  /** Returns a CloudTrail-like event with an {@code eventID} and {@code eventName}. */
  static String event(String id) {
    return "{\"eventVersion\":\"1.08\",\"eventID\":\""
        + id
        + "\",\"eventName\":\"GetCallerIdentity\",\"eventSource\":\"sts.amazonaws.com\"}";
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(buffer)) {
      gzip.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      buffer.writeBytes(part);
    }
    return buffer.toByteArray();
  }

  static Path write(Path dir, String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }

  static Path write(Path dir, String name, String content) throws IOException {
    return write(dir, name, utf8(content));
  }

  /** Reads one file with {@code reader} into {@code sink}. */
  static ReadSummary read(LogReader reader, Path file, CollectingSink sink) {
    return reader.read(InputSource.ofFile(file), sink);
  }
}
