package dev.skywarden.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.input.InputSource;
import dev.skywarden.core.input.LogReader;
import dev.skywarden.core.input.RawRecord;
import dev.skywarden.core.input.RecordSink;
import dev.skywarden.core.stats.SkippedRecord;
import dev.skywarden.core.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Records read by {@link LogReader} into shaped trees, each with the same record parsed into an
 * ordinary tree, from the examples and, when present, the shared Stratus and Panther logs. Also
 * lists the names to look up in them.
 */
public final class ShapedRecords {

  private static final ObjectMapper PLAIN = new ObjectMapper();

  /** One record as a shaped tree and as an ordinary tree. */
  public record Pair(JsonNode shaped, JsonNode plain) {}

  private ShapedRecords() {}

  /**
   * Returns the fewest records {@link #read()} must return: the examples have about 50, and the
   * shared logs, when present, bring hundreds more.
   */
  public static int minimumRecords() {
    boolean shared = Files.isDirectory(SharedData.root().resolve("data").resolve("stratus/logs"));
    return shared ? 100 : 40;
  }

  /** Returns the records of every log file under the example and shared folders. */
  public static List<Pair> read() {
    List<Path> roots = new ArrayList<>();
    roots.add(Path.of("..", "examples"));
    for (String shared : List.of("stratus/logs", "panther")) {
      Path path = SharedData.root().resolve("data").resolve(shared);
      if (Files.isDirectory(path)) {
        roots.add(path);
      }
    }

    List<Pair> pairs = new ArrayList<>();
    LogReader reader = new LogReader();
    for (Path root : roots) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          reader.read(InputSource.ofFile(file), new Collector(pairs));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("failed to list " + root, e);
      }
    }
    return pairs;
  }

  /**
   * Returns every path of object keys in {@code node}, dotted, with arrays crossed, each also in
   * upper and lower case, plus names that no record has.
   */
  public static List<String> names(JsonNode node) {
    List<String> paths = new ArrayList<>();
    collect(node, "", paths);
    List<String> names = new ArrayList<>();
    for (String path : paths) {
      names.add(path);
      names.add(path.toUpperCase(Locale.ROOT));
      names.add(path.toLowerCase(Locale.ROOT));
    }
    names.addAll(List.of("errorCode", "ERRORCODE", "missing.path", "data.field", "x"));
    return names;
  }

  private static void collect(JsonNode node, String prefix, List<String> paths) {
    if (node.isArray()) {
      for (JsonNode element : node) {
        collect(element, prefix, paths);
      }
      return;
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      paths.add(path);
      collect(field.getValue(), path, paths);
    }
  }

  private static final class Collector implements RecordSink {
    private final List<Pair> pairs;

    Collector(List<Pair> pairs) {
      this.pairs = pairs;
    }

    @Override
    public void accept(RawRecord record) {
      try {
        pairs.add(new Pair(record.node(), PLAIN.readTree(record.node().toString())));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("failed to parse " + record.location(), e);
      }
    }

    @Override
    public void skip(SkippedRecord skipped) {}
  }
}
