package dev.skywarden.core.input;

import static dev.skywarden.core.input.ReaderFixtures.event;
import static dev.skywarden.core.input.ReaderFixtures.read;
import static dev.skywarden.core.input.ReaderFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.stats.SkipReason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One damaged element of a container array costs one skip; the later elements are still read. */
class LogReaderArrayRecoveryTest {

  private static final Map<String, String> DAMAGE =
      Map.of(
          "bad escape", "{\"eventVersion\":\"1.08\",\"eventID\":\"1\",\"userAgent\":\"a\\qb\"}",
          "raw tab", "{\"eventVersion\":\"1.08\",\"eventID\":\"1\",\"userAgent\":\"a\tb\"}",
          "cut element", "{\"eventVersion\":\"1.08\",\"eventID\":\"1\"",
          "cut string", "{\"eventVersion\":\"1.08\",\"eventID\":\"1");

  private final LogReader reader = new LogReader();

  @TempDir Path dir;

  private static List<String> elements(String damaged) {
    List<String> elements = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      elements.add(i == 1 ? damaged : event(String.valueOf(i)));
    }
    return elements;
  }

  private static List<String> expectedIds() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      if (i != 1) {
        ids.add(String.valueOf(i));
      }
    }
    return ids;
  }

  @Test
  void compactRecords_laterElementsRead() throws Exception {
    for (Map.Entry<String, String> damage : DAMAGE.entrySet()) {
      String content =
          "{\"Records\":[" + String.join(",", elements(damage.getValue())) + "]}\n" + event("x");
      Path file = write(dir, "compact.json", content);
      CollectingSink sink = new CollectingSink();

      ReadSummary summary = read(reader, file, sink);

      List<String> ids = new ArrayList<>(expectedIds());
      ids.add("x");
      assertThat(sink.field("eventID")).as(damage.getKey()).isEqualTo(ids);
      assertThat(sink.skipReasons()).as(damage.getKey()).containsExactly(SkipReason.MALFORMED_JSON);
      assertThat(sink.acceptedLines().get(99)).as(damage.getKey()).isEqualTo(2);
      assertThat(summary.records()).as(damage.getKey()).isEqualTo(101);
    }
  }

  @Test
  void prettyRecords_linesKept() throws Exception {
    for (Map.Entry<String, String> damage : DAMAGE.entrySet()) {
      String content =
          "{\n  \"Records\": [\n    "
              + String.join(",\n    ", elements(damage.getValue()))
              + "\n  ]\n}\n"
              + event("x")
              + "\n";
      Path file = write(dir, "pretty.json", content);
      CollectingSink sink = new CollectingSink();

      ReadSummary summary = read(reader, file, sink);

      List<Long> lines = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        if (i != 1) {
          lines.add(3L + i);
        }
      }
      lines.add(105L);
      assertThat(sink.acceptedLines()).as(damage.getKey()).isEqualTo(lines);
      assertThat(sink.skipReasons()).as(damage.getKey()).containsExactly(SkipReason.MALFORMED_JSON);
      assertThat(sink.skipped.get(0).location().line()).as(damage.getKey()).isEqualTo(4);
      assertThat(summary.records()).as(damage.getKey()).isEqualTo(101);
    }
  }

  @Test
  void rootArray_laterElementsRead() throws Exception {
    String content = "[" + String.join(",", elements(DAMAGE.get("bad escape"))) + "]";
    Path file = write(dir, "array.json", content);
    CollectingSink sink = new CollectingSink();

    read(reader, file, sink);

    assertThat(sink.field("eventID")).isEqualTo(expectedIds());
    assertThat(sink.skipReasons()).containsExactly(SkipReason.MALFORMED_JSON);
  }

  @Test
  void nestedObjectsInDamage_passedAsFragments() throws Exception {
    String damaged =
        "{\"eventVersion\":\"1.08\",\"eventID\":\"1\",\"userAgent\":\"a\\qb\","
            + "\"resources\":[{\"ARN\":\"r1\"},{\"ARN\":\"r2\"}]}";
    String content = "{\"Records\":[" + event("0") + "," + damaged + "," + event("2") + "]}";
    Path file = write(dir, "nested.json", content);
    CollectingSink sink = new CollectingSink();

    ReadSummary summary = read(reader, file, sink);

    assertThat(sink.field("eventID")).containsExactly("0", "", "2");
    assertThat(sink.field("ARN")).containsExactly("", "r2", "");
    assertThat(sink.skipReasons()).containsExactly(SkipReason.MALFORMED_JSON);
    assertThat(summary.records()).isEqualTo(4);
  }
}
