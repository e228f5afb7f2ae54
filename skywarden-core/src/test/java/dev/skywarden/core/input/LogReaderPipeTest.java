package dev.skywarden.core.input;

import static dev.skywarden.core.input.ReaderFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named pipes are read as plain streams, without seeking. */
class LogReaderPipeTest {

  @TempDir Path dir;

  private static boolean makeFifo(Path fifo) throws InterruptedException {
    try {
      Process process = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void namedPipe_readAsStream() throws Exception {
    Path fifo = dir.resolve("events.jsonl");
    Assumptions.assumeTrue(makeFifo(fifo), "mkfifo is not available, so no named pipe to read");
    String content = event("1") + "\n" + event("2") + "\n";
    Thread writer =
        new Thread(
            () -> {
              try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    writer.start();
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = new LogReader().read(InputSource.ofFile(fifo), sink);
    writer.join(10_000);

    assertThat(sink.skipped).isEmpty();
    assertThat(sink.field("eventID")).containsExactly("1", "2");
    assertThat(summary.sourceBytes()).isEqualTo(content.length());
  }
}
