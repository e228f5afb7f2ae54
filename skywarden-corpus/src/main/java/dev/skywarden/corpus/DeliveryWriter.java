package dev.skywarden.corpus;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes records to files in the providers' delivery layouts under the corpus log folder.
 *
 * <p>CloudTrail files are written whole, one per account, region and slice, by {@link
 * #writeCloudTrail}, which is thread-safe because each call writes its own file. JSON Lines streams
 * are appended hour by hour through {@link #append} and {@link #closeHour}, which only the
 * generator's main thread calls. Java's {@link GZIPOutputStream} writes a header with modification
 * time 0 and no file name, so equal content gives equal files.
 */
final class DeliveryWriter implements AutoCloseable {

  private static final byte[] RECORDS_START = "{\"Records\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RECORDS_END = "]}".getBytes(StandardCharsets.US_ASCII);

  private final Path root;
  private final String tenantId;
  private final Map<String, CountingOutputStream> hourly = new TreeMap<>();
  private long hourlyBytesClosed;
  private long hourlyFiles;

  DeliveryWriter(Path root, String tenantId) {
    this.root = root;
    this.tenantId = tenantId;
  }

  /**
   * Writes one CloudTrail delivery file and returns its size in bytes.
   *
   * @param records the records of one account and region in one slice, sorted
   * @throws IOException when the file cannot be written
   */
  long writeCloudTrail(String stream, Slice slice, String unique, List<Emitted> records)
      throws IOException {
    Path file = root.resolve(Streams.cloudTrailPath(stream, slice.end(), unique));
    Files.createDirectories(file.getParent());
    CountingOutputStream counter;
    try (OutputStream raw = Files.newOutputStream(file)) {
      counter = new CountingOutputStream(new BufferedOutputStream(raw, 1 << 16));
      try (GZIPOutputStream gzip = new GZIPOutputStream(counter, 1 << 16)) {
        gzip.write(RECORDS_START);
        for (int i = 0; i < records.size(); i++) {
          if (i > 0) {
            gzip.write(',');
          }
          gzip.write(records.get(i).json());
        }
        gzip.write(RECORDS_END);
      }
    }
    return counter.count();
  }

  /** Appends sorted records of one JSON Lines stream to the file of their hour. */
  void append(String stream, Instant hour, List<Emitted> records) throws IOException {
    CountingOutputStream out = hourly.get(stream);
    if (out == null) {
      Path file = root.resolve(Streams.hourlyPath(stream, hour, tenantId));
      Files.createDirectories(file.getParent());
      out =
          new CountingOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
      hourly.put(stream, out);
      hourlyFiles++;
    }
    for (Emitted record : records) {
      out.write(record.json());
      out.write('\n');
    }
  }

  /** Closes the files of the current hour. */
  void closeHour() throws IOException {
    IOException failure = null;
    for (CountingOutputStream out : hourly.values()) {
      try {
        out.close();
        hourlyBytesClosed += out.count();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    hourly.clear();
    if (failure != null) {
      throw failure;
    }
  }

  /** Returns the bytes of JSON Lines files so far, open ones included. */
  long hourlyBytes() {
    long open = 0;
    for (CountingOutputStream out : hourly.values()) {
      open += out.count();
    }
    return hourlyBytesClosed + open;
  }

  long hourlyFiles() {
    return hourlyFiles;
  }

  @Override
  public void close() throws IOException {
    closeHour();
  }
}
