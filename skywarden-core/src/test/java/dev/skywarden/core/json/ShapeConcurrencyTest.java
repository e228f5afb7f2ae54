package dev.skywarden.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reads the same documents on several threads at once into one shape tree. */
class ShapeConcurrencyTest {

  private static final int THREADS = 4;

  @Test
  void parallelReads_shareShapesAndMatchPlainTrees() throws Exception {
    List<String> documents = documents();
    ObjectMapper plainMapper = new ObjectMapper();
    List<JsonNode> expected = new ArrayList<>();
    for (String document : documents) {
      expected.add(plainMapper.readTree(document));
    }
    ShapeTree tree = new ShapeTree(100_000, 1_000, 1_000, 100);
    ObjectMapper shapedMapper = new ObjectMapper().setNodeFactory(new ShapedNodeFactory(tree));

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<List<JsonNode>>> results = new ArrayList<>();
    try {
      for (int thread = 0; thread < THREADS; thread++) {
        results.add(
            pool.submit(
                () -> {
                  List<JsonNode> read = new ArrayList<>();
                  for (String document : documents) {
                    JsonNode node = shapedMapper.readTree(document);
                    // Look keys up as well, so that tables are built while others read.
                    ((ShapedObjectNode) node).shape().indexOfIgnoringCase("KEY3");
                    read.add(node);
                  }
                  return read;
                }));
      }
      Set<Shape> finalShapes = new HashSet<>();
      for (Future<List<JsonNode>> result : results) {
        List<JsonNode> read = result.get(60, TimeUnit.SECONDS);
        assertThat(read).isEqualTo(expected);
        for (JsonNode node : read) {
          finalShapes.add(((ShapedObjectNode) node).shape());
        }
      }
      // One shape per distinct key list: no thread made a shape another had made.
      assertThat(finalShapes).hasSize(50);
      assertThat(tree.shapeCount()).isEqualTo(50 * 8);
    } finally {
      pool.shutdownNow();
    }
  }

  /** 2,000 documents of 50 key lists of 8 keys, which share no prefix. */
  private static List<String> documents() {
    List<String> documents = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      int kind = i % 50;
      StringBuilder text = new StringBuilder("{");
      for (int key = 0; key < 8; key++) {
        if (key > 0) {
          text.append(',');
        }
        text.append("\"kind").append(kind).append("key").append(key).append("\":").append(i);
      }
      documents.add(text.append('}').toString());
    }
    return documents;
  }
}
