package dev.skywarden.bench;

import dev.skywarden.core.input.InputSource;
import dev.skywarden.core.input.LogReader;
import dev.skywarden.core.input.RawRecord;
import dev.skywarden.core.input.RecordSink;
import dev.skywarden.core.normalize.EventNormalizer;
import dev.skywarden.core.stats.SkippedRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of reading and normalising on one thread, in CloudTrail events per second, without
 * rules. One operation is one record of the {@link EventCorpus}.
 *
 * <ul>
 *   <li>{@link #read}: the {@link LogReader} alone turns bytes into records (Jackson trees).
 *   <li>{@link #readNormalize}: the same, and the {@link EventNormalizer} builds each event with
 *       its client fingerprint. The difference to {@link #read} is the cost of normalising.
 * </ul>
 *
 * <p>The {@code layout} parameter picks the bytes: {@code jsonl} is the corpus as one JSON Lines
 * stream; {@code cloudtrail-gz} is the corpus as CloudTrail delivery files of {@value
 * #RECORDS_PER_FILE} records each ({@code {"Records": [...]}}, gzip), read one file at a time as a
 * hunt reads the files of a generated corpus, so the cost of opening each file counts too.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReadBenchmark {

  /** Layout of the corpus as one JSON Lines stream. */
  public static final String JSONL = "jsonl";

  /** Layout of the corpus as gzip CloudTrail delivery files. */
  public static final String CLOUDTRAIL_GZ = "cloudtrail-gz";

  /** Records per delivery file, about the mean of a generated 5-minute file. */
  static final int RECORDS_PER_FILE = 50;

  @Param({JSONL, CLOUDTRAIL_GZ})
  public String layout;

  private LogReader reader;
  private EventNormalizer normalizer;
  private List<byte[]> files;

  /**
   * Builds the corpus in the chosen layout.
   *
   * @throws IllegalStateException when the Stratus Red Team logs are missing
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    reader = new LogReader();
    normalizer = new EventNormalizer();
    List<byte[]> records =
        EventCorpus.build(
            SharedData.require("stratus/logs"), EventCorpus.SIZE, EventCorpus.ATTACK_PERCENT, 42L);
    files = JSONL.equals(layout) ? List.of(EventCorpus.jsonLines(records)) : deliveryFiles(records);
  }

  /** Reads every record into a Jackson tree, without normalising. */
  @Benchmark
  @OperationsPerInvocation(EventCorpus.SIZE)
  public void read(Blackhole blackhole) {
    readAll(
        new RecordSink() {
          @Override
          public void accept(RawRecord record) {
            blackhole.consume(record);
          }

          @Override
          public void skip(SkippedRecord skipped) {
            blackhole.consume(skipped);
          }
        },
        blackhole);
  }

  /** Reads every record and normalises it into an event. */
  @Benchmark
  @OperationsPerInvocation(EventCorpus.SIZE)
  public void readNormalize(Blackhole blackhole) {
    readAll(
        new RecordSink() {
          @Override
          public void accept(RawRecord record) {
            blackhole.consume(normalizer.normalize(record));
          }

          @Override
          public void skip(SkippedRecord skipped) {
            blackhole.consume(skipped);
          }
        },
        blackhole);
  }

  private void readAll(RecordSink sink, Blackhole blackhole) {
    for (int i = 0; i < files.size(); i++) {
      InputSource source =
          InputSource.ofStream("corpus-" + i, new ByteArrayInputStream(files.get(i)));
      blackhole.consume(reader.read(source, sink));
    }
  }

  private static List<byte[]> deliveryFiles(List<byte[]> records) {
    List<byte[]> result = new ArrayList<>();
    for (int start = 0; start < records.size(); start += RECORDS_PER_FILE) {
      List<byte[]> chunk =
          records.subList(start, Math.min(records.size(), start + RECORDS_PER_FILE));
      result.add(gzip(deliveryFile(chunk)));
    }
    return result;
  }

  private static byte[] deliveryFile(List<byte[]> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("{\"Records\":[".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < records.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(records.get(i));
    }
    out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip in memory failed", e);
    }
    return out.toByteArray();
  }
}
