package dev.skywarden.core.posture;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;

/**
 * Writes a posture result in one format. Implementations are immutable and thread-safe; they flush
 * but never close the {@link Writer}.
 */
public interface PostureWriter {

  /**
   * Writes the result.
   *
   * @param productVersion the Skywarden version
   * @param time the report time (OCSF {@code time}); pass a fixed value for identical output
   * @throws IOException when writing fails
   */
  void write(PostureResult result, String productVersion, Instant time, Writer out)
      throws IOException;
}
