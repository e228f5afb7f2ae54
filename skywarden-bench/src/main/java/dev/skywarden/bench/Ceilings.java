package dev.skywarden.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The two throughput ceilings of a whole-run benchmark, measured on the files a hunt reads.
 *
 * <p>{@code decompress} reads every file and inflates gzip files, discarding the bytes. {@code
 * tokens} does that and runs a bare Jackson streaming token pass over the result, counting records:
 * elements of a top-level {@code Records} array (CloudTrail delivery files), else top-level objects
 * (JSON Lines). Files are spread over a fixed thread pool the way the hunt spreads them, one file
 * per task, with at most four tasks per thread in flight.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.skywarden.bench.Ceilings decompress|tokens THREADS
 * PATH...}. Prints one line: {@code mode=... threads=... files=... records=...
 * uncompressed_bytes=... seconds=...}; {@code records} is 0 for {@code decompress}.
 */
public final class Ceilings {

  private static final JsonFactory FACTORY = new JsonFactory();

  private Ceilings() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3 || !(args[0].equals("decompress") || args[0].equals("tokens"))) {
      System.err.println("usage: Ceilings decompress|tokens THREADS PATH...");
      System.exit(2);
    }
    boolean tokens = args[0].equals("tokens");
    int threads = Integer.parseInt(args[1]);

    // Files are walked lazily and at most a few tasks per thread are in flight, so the heap does
    // not grow with the number of files: a 10 GB corpus has about 1.85 million.
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Semaphore inFlight = new Semaphore(4 * threads);
    LongAdder files = new LongAdder();
    LongAdder records = new LongAdder();
    LongAdder bytes = new LongAdder();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int i = 2; i < args.length; i++) {
      try (Stream<Path> walk = Files.walk(Path.of(args[i]))) {
        Iterator<Path> paths = walk.filter(Files::isRegularFile).iterator();
        while (paths.hasNext() && failure.get() == null) {
          Path file = paths.next();
          inFlight.acquire();
          files.increment();
          pool.execute(
              () -> {
                try {
                  long[] counts = tokens ? tokenPass(file) : decompress(file);
                  records.add(counts[0]);
                  bytes.add(counts[1]);
                } catch (RuntimeException | Error e) {
                  failure.compareAndSet(null, e);
                } finally {
                  inFlight.release();
                }
              });
        }
      }
    }
    pool.shutdown();
    if (!pool.awaitTermination(7, TimeUnit.DAYS)) {
      throw new IllegalStateException("the ceiling tasks did not finish within 7 days");
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a ceiling task failed: " + failure.get(), failure.get());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "mode=%s threads=%d files=%d records=%d uncompressed_bytes=%d seconds=%.3f%n",
        args[0],
        threads,
        files.sum(),
        records.sum(),
        bytes.sum(),
        seconds);
  }

  private static InputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int first = raw.read();
    int second = raw.read();
    raw.reset();
    return first == 0x1f && second == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
  }

  private static long[] decompress(Path file) {
    byte[] buffer = new byte[1 << 16];
    long bytes = 0;
    try (InputStream in = open(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        bytes += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file + " failed", e);
    }
    return new long[] {0, bytes};
  }

  private static long[] tokenPass(Path file) {
    long records = 0;
    CountingInput counter;
    try (InputStream in = open(file)) {
      counter = new CountingInput(in);
      try (JsonParser parser = FACTORY.createParser(counter)) {
        int depth = 0;
        boolean container = false;
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
          if (token == JsonToken.FIELD_NAME
              && depth == 1
              && parser.currentName().equals("Records")) {
            container = true;
          } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            depth++;
            // A CloudTrail record is an object in the Records array: object, array, record.
            if (container && depth == 3 && token == JsonToken.START_OBJECT) {
              records++;
            }
          } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
            depth--;
            if (depth == 0) {
              // A top-level object without a Records array is one JSON Lines record.
              if (!container && token == JsonToken.END_OBJECT) {
                records++;
              }
              container = false;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("parsing " + file + " failed", e);
    }
    return new long[] {records, counter.count};
  }

  /** Counts the bytes read through it. Not thread-safe. */
  private static final class CountingInput extends java.io.FilterInputStream {
    long count;

    CountingInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
