package dev.skywarden.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tree reader against {@code ObjectMapper.readTree}, which it replaces on the record path. */
class JsonTreeReaderTest {

  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonTreeReader reader = new JsonTreeReader();

  @Test
  void fieldOrder_keptAsInDocument() throws IOException {
    JsonNode tree = read("{\"z\":1,\"a\":{\"y\":true,\"b\":null},\"m\":[3,\"x\",{}]}");

    assertThat(tree.toString())
        .isEqualTo("{\"z\":1,\"a\":{\"y\":true,\"b\":null},\"m\":[3,\"x\",{}]}");
    assertThat(names(tree)).containsExactly("z", "a", "m");
    assertSameAsMapper("{\"z\":1,\"a\":{\"y\":true,\"b\":null},\"m\":[3,\"x\",{}]}");
  }

  @Test
  void duplicateKey_keepsFirstPositionLastValue() throws IOException {
    String json = "{\"a\":1,\"b\":2,\"a\":{\"c\":3},\"d\":[1,{\"e\":1,\"e\":2}]}";

    JsonNode tree = read(json);

    assertThat(tree.toString()).isEqualTo("{\"a\":{\"c\":3},\"b\":2,\"d\":[1,{\"e\":2}]}");
    assertSameAsMapper(json);
  }

  @Test
  void numbers_sameNodeTypesAsMapper() throws IOException {
    String json =
        "{\"int\":2147483647,\"long\":2147483648,\"negLong\":-9223372036854775808,"
            + "\"big\":92233720368547758070,\"double\":1.5,\"exp\":1e400,\"tiny\":4.9e-330,"
            + "\"manyDigits\":0.1000000000000000055511151231257827,\"negZero\":-0.0}";

    JsonNode tree = read(json);

    assertThat(tree.get("int")).isInstanceOf(IntNode.class);
    assertThat(tree.get("long")).isInstanceOf(LongNode.class);
    assertThat(tree.get("negLong")).isInstanceOf(LongNode.class);
    assertThat(tree.get("big")).isInstanceOf(BigIntegerNode.class);
    assertThat(tree.get("big").toString()).isEqualTo("92233720368547758070");
    assertThat(tree.get("double")).isInstanceOf(DoubleNode.class);
    assertThat(tree.get("exp").doubleValue()).isInfinite();
    assertSameAsMapper(json);
  }

  @Test
  void deepNesting_noStackOverflow() throws IOException {
    int depth = 100_000;
    String json = "[".repeat(depth) + "{\"a\":1}" + "]".repeat(depth);
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(depth + 1).build())
            .build();

    JsonNode tree;
    try (JsonParser parser = factory.createParser(json)) {
      tree = reader.read(parser);
    }

    JsonNode node = tree;
    for (int i = 0; i < depth; i++) {
      assertThat(node.isArray()).isTrue();
      assertThat(node.size()).isEqualTo(1);
      node = node.get(0);
    }
    assertThat(node.toString()).isEqualTo("{\"a\":1}");
  }

  @Test
  void nestingLimit_raisedByParser() throws IOException {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(3).build())
            .build();

    try (JsonParser parser = factory.createParser("{\"a\":{\"b\":{\"c\":{\"d\":1}}}}")) {
      assertThatThrownBy(() -> reader.read(parser))
          .isInstanceOf(JsonProcessingException.class)
          .hasMessageContaining("nesting depth");
    }
    // The reader is usable again after the error.
    assertSameAsMapper("{\"a\":[1,2]}");
  }

  @Test
  void atFieldName_readsRestOfObject() throws IOException {
    String json = "{\"first\":1,\"second\":[2]} {\"next\":3}";
    try (JsonParser parser = mapper.getFactory().createParser(json)) {
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      assertThat(parser.nextToken()).isEqualTo(JsonToken.FIELD_NAME);

      JsonNode tree = reader.read(parser);

      assertThat(tree.toString()).isEqualTo("{\"first\":1,\"second\":[2]}");
      assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      assertThat(reader.read(parser).toString()).isEqualTo("{\"next\":3}");
      assertThat(parser.nextToken()).isNull();
    }
  }

  @Test
  void consecutiveValues_eachTreeComplete() throws IOException {
    String json = "{\"a\":[1,{\"b\":2}]}\n[true,false,null]\n\"text\"\n42\n{}";
    List<JsonNode> trees = new ArrayList<>();
    try (JsonParser parser = mapper.getFactory().createParser(json)) {
      while (parser.nextToken() != null) {
        trees.add(reader.read(parser));
      }
    }

    assertThat(trees)
        .extracting(JsonNode::toString)
        .containsExactly("{\"a\":[1,{\"b\":2}]}", "[true,false,null]", "\"text\"", "42", "{}");
  }

  @Test
  void endOfInputInsideObject_raisesParseError() throws IOException {
    try (JsonParser parser = mapper.getFactory().createParser("{\"a\":[1,2")) {
      assertThatThrownBy(() -> reader.read(parser)).isInstanceOf(JsonProcessingException.class);
    }
  }

  @Test
  void randomDocuments_sameAsMapper() throws IOException {
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      StringBuilder json = new StringBuilder();
      randomValue(random, json, 0);
      assertSameAsMapper(json.toString());
    }
  }

  private void assertSameAsMapper(String json) throws IOException {
    JsonNode expected = mapper.readTree(json);
    JsonNode actual = read(json);

    assertThat(actual).as(json).isEqualTo(expected);
    assertThat(actual.toString()).as(json).isEqualTo(expected.toString());
    assertThat(nodeTypes(actual)).as(json).isEqualTo(nodeTypes(expected));
  }

  private JsonNode read(String json) throws IOException {
    JsonMapper defaults = JsonMapper.builder().build();
    try (JsonParser parser = defaults.getFactory().createParser(json)) {
      JsonNode tree = reader.read(parser);
      assertThat(parser.nextToken()).as("tokens after the value").isNull();
      return tree;
    }
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Lists the node classes of a tree in document order, so number types are compared too. */
  private static List<String> nodeTypes(JsonNode tree) {
    List<String> types = new ArrayList<>();
    collectTypes(tree, types);
    return types;
  }

  private static void collectTypes(JsonNode node, List<String> types) {
    types.add(node.getClass().getSimpleName());
    if (node.isObject()) {
      node.properties()
          .forEach(
              entry -> {
                types.add(entry.getKey());
                collectTypes(entry.getValue(), types);
              });
    } else if (node.isArray()) {
      node.forEach(element -> collectTypes(element, types));
    }
  }

  private static final String[] KEYS = {"a", "b", "eventName", "A", "requestParameters", "x"};
  private static final String[] NUMBERS = {
    "0",
    "-1",
    "2147483647",
    "-2147483649",
    "9223372036854775807",
    "18446744073709551616",
    "1.25",
    "-3e7",
    "1E-400",
    "123456789012345678901234567890.5"
  };

  private static void randomValue(Random random, StringBuilder json, int depth) {
    int kind = depth > 5 ? 2 + random.nextInt(4) : random.nextInt(6);
    switch (kind) {
      case 0 -> {
        json.append('{');
        int fields = random.nextInt(12);
        for (int i = 0; i < fields; i++) {
          if (i > 0) {
            json.append(',');
          }
          json.append('"').append(KEYS[random.nextInt(KEYS.length)]).append("\":");
          randomValue(random, json, depth + 1);
        }
        json.append('}');
      }
      case 1 -> {
        json.append('[');
        int elements = random.nextInt(6);
        for (int i = 0; i < elements; i++) {
          if (i > 0) {
            json.append(',');
          }
          randomValue(random, json, depth + 1);
        }
        json.append(']');
      }
      case 2 -> json.append(NUMBERS[random.nextInt(NUMBERS.length)]);
      case 3 -> json.append('"').append("v\\u00e9\\n").append(random.nextInt(100)).append('"');
      case 4 -> json.append(random.nextBoolean() ? "true" : "false");
      default -> json.append(random.nextBoolean() ? "null" : "\"\"");
    }
  }
}
