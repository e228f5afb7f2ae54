package dev.skywarden.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The rewind history of a feed, when the buffer of an earlier feed on the thread is reused. */
class ParserFeedTest {

  @Test
  void nextFeed_readsOnlyOwnBytes() throws IOException {
    ParserFeed first = feed("A".repeat(100));
    readAll(first, 100);
    first.release();

    ParserFeed second = feed("B".repeat(50));
    String read = readAll(second, 50);
    second.rewind(0);
    String reread = readAll(second, 50);

    assertThat(read).isEqualTo("B".repeat(50));
    assertThat(reread).isEqualTo("B".repeat(50));
    assertThat((char) second.byteAt(10)).isEqualTo('B');
    assertThat(second.isKept(60)).isFalse();
    assertThat(second.read(new byte[8], 0, 8)).isEqualTo(-1);
  }

  @Test
  void releasedFeed_rejectsReads() throws IOException {
    ParserFeed feed = feed("{}");
    feed.release();

    assertThatThrownBy(() -> feed.read(new byte[2], 0, 2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("release");
  }

  private static ParserFeed feed(String text) {
    return new ParserFeed(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), Long.MAX_VALUE);
  }

  private static String readAll(ParserFeed feed, int expected) throws IOException {
    byte[] buffer = new byte[expected];
    int filled = 0;
    while (filled < expected) {
      int n = feed.read(buffer, filled, expected - filled);
      if (n < 0) {
        break;
      }
      filled += n;
    }
    return new String(buffer, 0, filled, StandardCharsets.US_ASCII);
  }
}
