package dev.skywarden.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.skywarden.core.json.ShapedNodeFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordParser} against Jackson's own parser: the same trees (node classes included), the
 * same locations after each record and the same errors, for plain records and for every kind of
 * input that must fall back to Jackson.
 */
class RecordParserTest {

  private static final String PLAIN =
      "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":"
          + "\"arn:aws:iam::123456789012:user/alice\",\"accountId\":\"123456789012\"},"
          + "\"eventTime\":\"2026-11-03T10:15:%02dZ\",\"eventName\":\"ListBuckets\","
          + "\"readOnly\":true,\"errorCode\":null,\"count\":%d,\"tags\":[],\"none\":{},"
          + "\"resources\":[{\"ARN\":\"arn:aws:s3:::b%d\"},1,-2,false,[\"x\"]]}";

  @Test
  void plainRecords_readByShortPath() throws IOException {
    StringBuilder array = new StringBuilder("[");
    for (int i = 0; i < 400; i++) {
      array.append(i == 0 ? "" : ",").append(String.format(PLAIN, i % 60, i * 7919, i));
    }
    byte[] input = utf8(array.append("]").toString());

    Reading ours = read(ourMapper(limits()), new ByteArrayInputStream(input));

    assertThat(ours.steps)
        .isEqualTo(read(jackson(limits()), new ByteArrayInputStream(input)).steps);
    assertThat(ours.steps).hasSize(401).noneMatch(step -> step.startsWith("error"));
    // Records cut by the end of Jackson's 8000-byte buffer are moved and read again, not given up.
    assertThat(ours.plainRecords).isEqualTo(400);
  }

  @Test
  void valuesOutsideThePlainSubset_sameAsJackson() throws IOException {
    String[] records = {
      "{\"a\":\"caf\\u00e9\",\"b\":\"tab\\there\"}",
      "{\"name\":\"Zoë\",\"emoji\":\"\uD83D\uDE00\"}",
      "{\"caf\u00e9\":1,\"k\\\"q\":2}",
      "{\"f\":1.5,\"e\":2e3,\"g\":-0.0,\"h\":1E-2}",
      "{\"i\":2147483647,\"j\":2147483648,\"k\":-2147483648,\"l\":-2147483649}",
      "{\"m\":999999999999999999,\"n\":1000000000000000000,\"o\":-9223372036854775808}",
      "{\"p\":-0,\"q\":0,\"r\":12345678901234567890123}",
      "{\"dup\":1,\"dup\":2}",
      "{\"s\":\"" + "x".repeat(256) + "\",\"t\":\"" + "y".repeat(257) + "\"}",
      "{\"" + "k".repeat(300) + "\":1}",
      "{ \"spaced\" : [ 1 , { } , [ ] ] , \"tabbed\"\t:\ttrue }",
      "{\n  \"pretty\": {\n    \"x\": 1\r\n  }\n}",
      "{\"deep\":" + "[".repeat(40) + "1" + "]".repeat(40) + "}",
      "{\"del\":\"a\u007fb\",\"space\":\" \"}",
    };
    for (String record : records) {
      byte[] input = utf8("[" + record + "," + record + "]");

      assertThat(read(ourMapper(limits()), new ByteArrayInputStream(input)).steps)
          .as(record)
          .isEqualTo(read(jackson(limits()), new ByteArrayInputStream(input)).steps);
    }
  }

  @Test
  void brokenRecords_sameErrorsAndLocations() throws IOException {
    String[] broken = {
      "{\"a\":01}",
      "{\"a\":tru}",
      "{\"a\":12a}",
      "{\"a\":1,}",
      "{\"a\" 1}",
      "{\"a\":NaN}",
      "{\"a\":\"open",
      "{\"a\":[1,2}",
      "{\"a\":\"ctl\u0001\"}",
      "{\"a\":-}",
      "{\"a\":nul}",
      "{\"a\":1 \"b\":2}",
      "{a:1}",
    };
    for (String record : broken) {
      byte[] input = utf8("[" + String.format(PLAIN, 1, 1, 1) + "," + record + "]");

      List<String> ours = read(ourMapper(limits()), new ByteArrayInputStream(input)).steps;

      assertThat(ours)
          .as(record)
          .isEqualTo(read(jackson(limits()), new ByteArrayInputStream(input)).steps);
      assertThat(ours.get(ours.size() - 1)).as(record).startsWith("error");
    }
  }

  @Test
  void tightLimits_sameErrors() throws IOException {
    StreamReadConstraints tight =
        StreamReadConstraints.builder().maxNestingDepth(4).maxStringLength(10).build();
    String[] records = {
      "{\"a\":{\"b\":{\"c\":1}}}",
      "{\"a\":{\"b\":{\"c\":{\"d\":1}}}}",
      "{\"a\":\"0123456789\"}",
      "{\"a\":\"0123456789A\"}",
    };
    for (String record : records) {
      byte[] input = utf8("[" + record + "]");

      assertThat(read(ourMapper(tight), new ByteArrayInputStream(input)).steps)
          .as(record)
          .isEqualTo(read(jackson(tight), new ByteArrayInputStream(input)).steps);
    }
  }

  @Test
  void randomRecordsAndReadSizes_sameAsJackson() throws IOException {
    Random random = new Random(61206);
    int plain = 0;
    for (int round = 0; round < 40; round++) {
      byte[] input = utf8(randomArray(random));
      int chunk = 1 + random.nextInt(3000);

      Reading ours = read(ourMapper(limits()), new ChunkedStream(input, chunk));

      assertThat(ours.steps)
          .as("round %d, reads of %d bytes", round, chunk)
          .isEqualTo(read(jackson(limits()), new ChunkedStream(input, chunk)).steps);
      plain += ours.plainRecords;
    }
    // Else the comparison would have been Jackson against itself.
    assertThat(plain).isGreaterThan(1000);
  }

  @Test
  void otherEncodings_sameAsJackson() throws IOException {
    String json = "[" + String.format(PLAIN, 2, 2, 2) + "]";
    byte[] bom = concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, utf8(json));
    byte[] utf16 = json.getBytes(StandardCharsets.UTF_16LE);
    for (byte[] input : new byte[][] {bom, utf16, utf8("[]"), utf8("[")}) {
      assertThat(read(ourMapper(limits()), new ByteArrayInputStream(input)).steps)
          .isEqualTo(read(jackson(limits()), new ByteArrayInputStream(input)).steps);
    }
  }

  @Test
  void otherThread_usesItsOwnTable() throws Exception {
    String record = "{\"value\":\"handed-over-value\"}";
    byte[] input = utf8("[" + record + "," + record + "," + record + "]");
    JsonMapper mapper = ourMapper(limits());
    JsonParser parser = mapper.getFactory().createParser(new ByteArrayInputStream(input));

    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      String[] storedAndRead =
          other
              .submit(
                  () -> {
                    RecordParser ours = (RecordParser) parser;
                    parser.nextToken();
                    JsonNode last = null;
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                      last = ours.readPlainObject(mapper.getNodeFactory());
                    }
                    byte[] bytes = utf8("handed-over-value");
                    String stored = RepeatedTexts.valuesOfThisThread().text(bytes, 0, bytes.length);
                    return new String[] {stored, last.get("value").textValue()};
                  })
              .get();

      assertThat(storedAndRead[0]).isSameAs(storedAndRead[1]);
    } finally {
      other.shutdown();
      parser.close();
    }
  }

  /** What reading an array of records gave: one line per record or error. */
  private record Reading(List<String> steps, int plainRecords) {}

  private static Reading read(JsonMapper mapper, InputStream in) throws IOException {
    List<String> steps = new ArrayList<>();
    int plain = 0;
    try (JsonParser parser = mapper.getFactory().createParser(in)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        steps.add("no array: " + parser.currentToken());
        return new Reading(steps, 0);
      }
      JsonToken token;
      while ((token = parser.nextToken()) != null && token != JsonToken.END_ARRAY) {
        JsonNode node = null;
        if (parser instanceof RecordParser ours) {
          node = ours.readPlainObject(mapper.getNodeFactory());
          plain += node == null ? 0 : 1;
        }
        if (node == null) {
          node = mapper.readTree(parser);
        }
        steps.add(
            describe(node)
                + " "
                + where(parser.currentLocation())
                + " token "
                + where(parser.currentTokenLocation())
                + " "
                + parser.currentToken());
      }
      steps.add("end " + token + " " + where(parser.currentLocation()));
    } catch (JsonProcessingException e) {
      steps.add(
          "error "
              + e.getClass().getSimpleName()
              + ": "
              + e.getOriginalMessage()
              + " "
              + where(e.getLocation()));
    }
    return new Reading(steps, plain);
  }

  private static String where(JsonLocation location) {
    return location == null
        ? "@?"
        : "@"
            + location.getByteOffset()
            + ":"
            + location.getLineNr()
            + ":"
            + location.getColumnNr();
  }

  /** Returns the tree with the class of every node, so an int node never passes for a long one. */
  private static String describe(JsonNode node) {
    if (node.isObject()) {
      StringBuilder out = new StringBuilder("{");
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        out.append(field.getKey()).append('=').append(describe(field.getValue())).append(',');
      }
      return out.append('}').toString();
    }
    if (node.isArray()) {
      StringBuilder out = new StringBuilder("[");
      node.forEach(element -> out.append(describe(element)).append(','));
      return out.append(']').toString();
    }
    return node.getClass().getSimpleName() + "(" + node + ")";
  }

  private static String randomArray(Random random) {
    Function<Integer, String> value =
        depth ->
            switch (random.nextInt(depth > 3 ? 6 : 9)) {
              case 0 -> "\"" + randomText(random) + "\"";
              case 1 -> Long.toString(random.nextLong() >> random.nextInt(64));
              case 2 -> random.nextBoolean() ? "true" : "false";
              case 3 -> "null";
              case 4 -> "\"us-east-" + random.nextInt(3) + "\"";
              case 5 -> random.nextInt(20) == 0 ? "1.25" : "7";
              default -> "";
            };
    StringBuilder out = new StringBuilder("[");
    int records = 20 + random.nextInt(200);
    for (int r = 0; r < records; r++) {
      out.append(r == 0 ? "" : ",");
      appendObject(out, random, value, 0);
    }
    return out.append(']').toString();
  }

  private static void appendObject(
      StringBuilder out, Random random, Function<Integer, String> value, int depth) {
    out.append('{');
    int fields = random.nextInt(12);
    for (int f = 0; f < fields; f++) {
      out.append(f == 0 ? "" : ",")
          .append("\"k")
          .append(random.nextInt(4) == 0 ? random.nextInt(30) : f)
          .append("\":");
      String scalar = value.apply(depth);
      if (scalar.isEmpty()) {
        if (random.nextBoolean()) {
          appendObject(out, random, value, depth + 1);
        } else {
          out.append('[').append(value.apply(9).isEmpty() ? "1" : value.apply(9)).append(",2]");
        }
      } else {
        out.append(scalar);
      }
    }
    out.append('}');
  }

  private static String randomText(Random random) {
    String[] pieces = {
      "a", "B", "7", " ", "-", "/", ":", "\\n", "\\\"", "é", "arn:aws:iam::1:role/r"
    };
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(random.nextInt(10) == 0 ? 300 : 12);
    for (int i = 0; i < length; i++) {
      text.append(pieces[random.nextInt(random.nextInt(3) == 0 ? pieces.length : 7)]);
    }
    return text.toString();
  }

  private static StreamReadConstraints limits() {
    return StreamReadConstraints.defaults();
  }

  private static JsonMapper jackson(StreamReadConstraints limits) {
    return JsonMapper.builder(builder(limits).build())
        .nodeFactory(ShapedNodeFactory.SHARED)
        .build();
  }

  private static JsonMapper ourMapper(StreamReadConstraints limits) {
    return JsonMapper.builder(new RecordParserFactory(builder(limits)))
        .nodeFactory(ShapedNodeFactory.SHARED)
        .build();
  }

  private static JsonFactoryBuilder builder(StreamReadConstraints limits) {
    return (JsonFactoryBuilder)
        JsonFactory.builder()
            .streamReadConstraints(limits)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  /** A stream that returns at most {@code chunk} bytes per read, like a slow pipe or gzip. */
  private static final class ChunkedStream extends ByteArrayInputStream {
    private final int chunk;

    ChunkedStream(byte[] content, int chunk) {
      super(content);
      this.chunk = chunk;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) {
      return super.read(buffer, offset, Math.min(length, chunk));
    }
  }
}
