package dev.skywarden.core.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.input.InputDiscovery.UserInput;
import dev.skywarden.core.input.InputSource;
import dev.skywarden.core.input.InputWalk;
import dev.skywarden.core.stats.InputStatistics;
import dev.skywarden.core.stats.SkipReason;
import dev.skywarden.core.stats.SkippedRecord;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source that fails with an unexpected exception ends alone; the other sources are hunted. */
class HuntSourceFailureTest {

  private static final String EVENT =
      "{\"eventVersion\":\"1.08\",\"eventTime\":\"2025-04-01T12:00:00Z\","
          + "\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\","
          + "\"eventID\":\"e1\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.10\","
          + "\"userIdentity\":{\"type\":\"IAMUser\","
          + "\"arn\":\"arn:aws:iam::111122223333:user/alice\"}}\n";

  @TempDir Path dir;

  /** Returns the first line, then throws the way a buggy decoder below the reader would. */
  private static final class FailingStream extends InputStream {
    private final ByteArrayInputStream head =
        new ByteArrayInputStream(EVENT.getBytes(StandardCharsets.UTF_8));

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      int n = head.read(buffer, offset, length);
      if (n > 0) {
        return n;
      }
      throw new IllegalStateException("decoder bug");
    }
  }

  @Test
  void runtimeExceptionInSource_countedAsReadError() throws Exception {
    Path good = dir.resolve("good.jsonl");
    Files.writeString(good, EVENT + EVENT.replace("e1", "e2"));
    InputSource failing = InputSource.ofStream("failing.jsonl", new FailingStream());
    Hunter hunter = HunterBuilder.empty().threads(1).build();
    HuntProgress progress = new HuntProgress();

    HuntResult result =
        hunter.hunt(
            InputWalk.of(
                List.of(
                    new UserInput("failing.jsonl", List.of(failing)),
                    new UserInput(good.toString(), List.of(InputSource.ofFile(good))))),
            progress);

    InputStatistics failed = result.inputs().get(0);
    assertThat(failed.records()).isEqualTo(2);
    assertThat(failed.events()).isEqualTo(1);
    assertThat(failed.skippedByReason()).containsExactly(Map.entry(SkipReason.READ_ERROR, 1L));
    SkippedRecord sample = failed.samples().get(0);
    assertThat(sample.location().input()).isEqualTo("failing.jsonl");
    assertThat(sample.location().recordIndex()).isEqualTo(2);
    assertThat(sample.detail()).contains("IllegalStateException").contains("decoder bug");

    InputStatistics read = result.inputs().get(1);
    assertThat(read.records()).isEqualTo(2);
    assertThat(read.events()).isEqualTo(2);
    assertThat(progress.records()).isEqualTo(4);
    assertThat(progress.filesDone()).isEqualTo(2);
    assertThat(result.total().records()).isEqualTo(4);
  }

  @Test
  void progress_exactAfterHunt() throws Exception {
    int events = 2 * SourceTask.PROGRESS_BATCH + 7;
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < events; i++) {
      lines.append(EVENT.replace("e1", "e" + i));
    }
    lines.append("{not json}\n");
    Path big = dir.resolve("big.jsonl");
    Files.writeString(big, lines);
    Path small = dir.resolve("small.jsonl");
    Files.writeString(small, EVENT);
    HuntProgress progress = new HuntProgress();

    HuntResult result =
        HunterBuilder.empty()
            .threads(2)
            .build()
            .hunt(
                InputWalk.of(
                    List.of(
                        new UserInput(big.toString(), List.of(InputSource.ofFile(big))),
                        new UserInput(small.toString(), List.of(InputSource.ofFile(small))))),
                progress);

    assertThat(result.inputs().get(0).records()).isEqualTo(events + 1);
    assertThat(progress.records()).isEqualTo(events + 2);
    assertThat(progress.filesDone()).isEqualTo(2);
    assertThat(progress.hits()).isZero();
  }
}
