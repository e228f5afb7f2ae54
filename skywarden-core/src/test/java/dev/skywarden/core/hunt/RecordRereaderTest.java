package dev.skywarden.core.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.input.LogReader;
import dev.skywarden.core.normalize.EventNormalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading records again by the source name that the hunt gave them. */
class RecordRereaderTest {

  private final RecordRereader rereader =
      new RecordRereader(new LogReader(), new EventNormalizer(), null);

  @Test
  void read_invalidPathName_fails() {
    List<CloudEvent> found = new ArrayList<>();

    // A NUL is invalid in a path on every platform, as an unencodable name is under the C locale.
    RecordRereader.Outcome outcome =
        rereader.read("logs/trail\u0000.json", new long[] {1}, (index, event) -> found.add(event));

    assertThat(outcome.records()).isZero();
    assertThat(outcome.failure()).contains("not a valid path");
    assertThat(found).isEmpty();
  }

  @Test
  void read_missingFile_fails() {
    RecordRereader.Outcome outcome =
        rereader.read("/nonexistent/skywarden/trail.json", new long[] {1}, (index, event) -> {});

    assertThat(outcome.records()).isZero();
    assertThat(outcome.failure()).contains("no longer exists");
  }
}
