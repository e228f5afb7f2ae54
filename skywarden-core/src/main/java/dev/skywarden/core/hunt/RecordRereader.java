package dev.skywarden.core.hunt;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.input.InputSource;
import dev.skywarden.core.input.LogReader;
import dev.skywarden.core.input.RawRecord;
import dev.skywarden.core.input.RecordSink;
import dev.skywarden.core.netintel.NetworkIntel;
import dev.skywarden.core.normalize.EventNormalizer;
import dev.skywarden.core.normalize.NormalizeResult;
import dev.skywarden.core.stats.SkipReason;
import dev.skywarden.core.stats.SkippedRecord;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Reads chosen records of an input file a second time and turns them into the events the hunt made
 * of them: the same reader, normaliser and network intel, so a record that did not change gives an
 * equal event. Detectors that keep references to records instead of copies ({@link RereadingRun})
 * use it when they finish.
 *
 * <p>Thread-safe, like the reader and normaliser it uses.
 */
public final class RecordRereader {

  /**
   * The result of reading one input again.
   *
   * @param records records read, up to the last one requested
   * @param failure why the input could not be read to the last record requested, or {@code null}
   */
  public record Outcome(long records, String failure) {}

  private final LogReader reader;
  private final EventNormalizer normalizer;
  private final NetworkIntel networkIntel;

  /**
   * Creates a rereader.
   *
   * @param networkIntel the hunt's intel, or {@code null} when it has none
   */
  public RecordRereader(LogReader reader, EventNormalizer normalizer, NetworkIntel networkIntel) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
    this.networkIntel = networkIntel;
  }

  /**
   * Returns a rereader when every user path is a regular file or a directory, whose sources can be
   * opened again, or null when one is standard input ({@code -}), a pipe or another stream.
   */
  static RecordRereader forFiles(
      List<String> userPaths,
      LogReader reader,
      EventNormalizer normalizer,
      NetworkIntel networkIntel) {
    for (String userPath : userPaths) {
      if ("-".equals(userPath)) {
        return null;
      }
      Path path = Path.of(userPath);
      if (!Files.isRegularFile(path) && !Files.isDirectory(path)) {
        return null;
      }
    }
    return new RecordRereader(reader, normalizer, networkIntel);
  }

  /**
   * Reads the file named {@code input} (the source name of its records) up to the last of {@code
   * recordIndexes} and passes the event of each requested record to {@code found}, with its index.
   * A requested record that is now skipped, or lies beyond the end of the file, is not passed.
   *
   * @param recordIndexes 1-based record indexes in ascending order, at least one
   */
  public Outcome read(String input, long[] recordIndexes, BiConsumer<Long, CloudEvent> found) {
    if (recordIndexes.length == 0) {
      throw new IllegalArgumentException("no record requested from " + input);
    }
    Path path;
    try {
      path = Path.of(input);
    } catch (InvalidPathException e) {
      // The source name of a file whose name the locale's charset cannot encode, such as a
      // non-ASCII name under the C locale, no longer names the file.
      return new Outcome(0, "its name is not a valid path here: " + e.getMessage());
    }
    if (!Files.isRegularFile(path)) {
      return new Outcome(0, "the file no longer exists or is no longer a regular file");
    }
    Sink sink = new Sink(recordIndexes, found);
    try {
      reader.read(InputSource.ofFile(path), sink);
    } catch (StopReading done) {
      // Every requested record has been read.
    }
    return new Outcome(sink.records, sink.failure);
  }

  /** Returns the event with the network intel of its source address, as {@link SourceTask} does. */
  static CloudEvent withNetwork(CloudEvent event, NetworkIntel intel) {
    if (intel == null || !event.source().isIp()) {
      return event;
    }
    return event.withSource(event.source().withNetwork(intel.lookup(event.source().ip())));
  }

  /** Ends a read once the last requested record is in; carries no stack trace. */
  private static final class StopReading extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StopReading() {
      super("last requested record read", null, false, false);
    }
  }

  private final class Sink implements RecordSink {
    private final long[] requested;
    private final long last;
    private final BiConsumer<Long, CloudEvent> found;
    private long records;
    private String failure;

    Sink(long[] requested, BiConsumer<Long, CloudEvent> found) {
      this.requested = requested;
      this.last = requested[requested.length - 1];
      this.found = found;
    }

    @Override
    public void accept(RawRecord record) {
      records++;
      long index = record.location().recordIndex();
      if (Arrays.binarySearch(requested, index) >= 0
          && normalizer.normalize(record) instanceof NormalizeResult.Normalized normalized) {
        found.accept(index, withNetwork(normalized.event(), networkIntel));
      }
      stopAfter(index);
    }

    @Override
    public void skip(SkippedRecord skipped) {
      records++;
      SkipReason reason = skipped.reason();
      if (reason == SkipReason.READ_ERROR
          || reason == SkipReason.TRUNCATED_GZIP
          || reason == SkipReason.DECOMPRESSION_LIMIT) {
        failure = skipped.message();
      }
      stopAfter(skipped.location().recordIndex());
    }

    private void stopAfter(long index) {
      if (index >= last) {
        throw new StopReading();
      }
    }
  }
}
