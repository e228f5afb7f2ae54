package dev.skywarden.core.input;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON value from a streaming parser into a Jackson tree, giving the same tree as {@code
 * ObjectMapper.readTree(JsonParser)} with a default mapper, at less cost per record.
 *
 * <p>The mapper creates a deserialization context per call and grows each object's {@link
 * LinkedHashMap} one field at a time. This reader instead collects the fields of every open object
 * or array in scratch arrays that it reuses from record to record. It builds each container at its
 * end token with a map or list sized for its members. The trees match the mapper's:
 *
 * <ul>
 *   <li>fields keep their document order; a duplicate name keeps the position of its first
 *       occurrence and the value of its last, as {@link ObjectNode#replace} does;
 *   <li>integers become {@code IntNode}, {@code LongNode} or {@code BigIntegerNode} by the smallest
 *       type that holds them, and other numbers {@code DoubleNode} (JSON has no float or decimal
 *       type of its own, and the mapper does not enable {@code USE_BIG_DECIMAL_FOR_FLOATS});
 *   <li>strings, booleans and {@code null} become {@code TextNode}, {@code BooleanNode} and {@code
 *       NullNode}.
 * </ul>
 *
 * <p>Containers are built with an explicit stack, not by recursion, so a record nested as deep as
 * the parser's nesting limit cannot overflow the thread's stack. Errors of the parser, including
 * the nesting limit and damage reported by the byte source, propagate unchanged.
 *
 * <p>Not thread-safe: one instance serves one stream at a time. It keeps no reference to a tree
 * after returning it.
 */
final class JsonTreeReader {

  private static final int INITIAL_SLOTS = 64;
  private static final int INITIAL_DEPTH = 16;

  private final JsonNodeFactory nodes = JsonNodeFactory.instance;

  /** Field names of the members collected so far; null for array elements. */
  private String[] names = new String[INITIAL_SLOTS];

  /** Values of the members collected so far, for every open container. */
  private JsonNode[] values = new JsonNode[INITIAL_SLOTS];

  /** Number of used slots in {@link #names} and {@link #values}. */
  private int size;

  /** Highest number of slots used since the last {@link #clear}. */
  private int maxSize;

  /** Per open container: its first slot. */
  private int[] firstSlot = new int[INITIAL_DEPTH];

  /** Per open container: whether it is an object. */
  private boolean[] isObject = new boolean[INITIAL_DEPTH];

  /** Per open container: its field name in the enclosing object, or null. */
  private String[] nameInParent = new String[INITIAL_DEPTH];

  /** Index of the innermost open container, or -1. */
  private int depth = -1;

  /**
   * Reads the value at the parser's current token, or at the next token when there is no current
   * one, and leaves the parser on the value's last token. At a field name, reads the rest of the
   * enclosing object, as the mapper does.
   *
   * @return the tree, or null at the end of the input
   * @throws IOException when the parser fails or the input ends inside the value
   */
  JsonNode read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      token = parser.nextToken();
      if (token == null) {
        return null;
      }
    }

    try {
      return switch (token) {
        case START_OBJECT -> {
          push(true, null);
          yield readContainers(parser, parser.nextToken());
        }
        case START_ARRAY -> {
          push(false, null);
          yield readContainers(parser, parser.nextToken());
        }
        case FIELD_NAME -> {
          push(true, null);
          yield readContainers(parser, token);
        }
        case END_OBJECT -> nodes.objectNode();
        default -> scalar(parser, token);
      };
    } finally {
      clear();
    }
  }

  /**
   * Reads members until the outermost open container ends; {@code token} is the first token inside
   * the innermost one.
   */
  private JsonNode readContainers(JsonParser parser, JsonToken first) throws IOException {
    JsonToken token = first;
    while (true) {
      if (token == null) {
        throw new JsonParseException(parser, "unexpected end of input inside a JSON container");
      }

      JsonNode finished;
      if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        finished = isObject[depth] ? buildObject() : buildArray();
      } else {
        String name = null;
        if (isObject[depth]) {
          name = parser.currentName();
          token = parser.nextToken();
        }
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          push(token == JsonToken.START_OBJECT, name);
        } else {
          add(name, scalar(parser, token));
        }
        token = parser.nextToken();
        continue;
      }

      // A container ended: return it when it is the outermost, else add it to its parent.
      String name = nameInParent[depth];
      size = firstSlot[depth];
      nameInParent[depth] = null;
      depth--;
      if (depth < 0) {
        return finished;
      }
      add(name, finished);
      token = parser.nextToken();
    }
  }

  private ObjectNode buildObject() {
    int from = firstSlot[depth];
    int count = size - from;
    Map<String, JsonNode> fields =
        count == 0 ? new LinkedHashMap<>() : new LinkedHashMap<>(capacityFor(count));
    for (int i = from; i < size; i++) {
      fields.put(names[i], values[i]);
    }
    return new ObjectNode(nodes, fields);
  }

  private ArrayNode buildArray() {
    int from = firstSlot[depth];
    List<JsonNode> elements = new ArrayList<>(size - from);
    for (int i = from; i < size; i++) {
      elements.add(values[i]);
    }
    return new ArrayNode(nodes, elements);
  }

  /** Returns a hash map capacity for {@code count} entries without resizing. */
  private static int capacityFor(int count) {
    return (int) (count / 0.75f) + 1;
  }

  /**
   * Returns the node of a scalar token, choosing number types as {@code JsonNodeDeserializer} does.
   */
  private JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> nodes.textNode(parser.getText());
      case VALUE_NUMBER_INT -> integer(parser);
      case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> nodes.booleanNode(true);
      case VALUE_FALSE -> nodes.booleanNode(false);
      case VALUE_NULL -> nodes.nullNode();
      default ->
          throw new JsonParseException(parser, "unexpected token " + token + " for a JSON value");
    };
  }

  private JsonNode integer(JsonParser parser) throws IOException {
    JsonParser.NumberType type = parser.getNumberType();
    if (type == JsonParser.NumberType.INT) {
      return nodes.numberNode(parser.getIntValue());
    }
    if (type == JsonParser.NumberType.LONG) {
      return nodes.numberNode(parser.getLongValue());
    }
    return nodes.numberNode(parser.getBigIntegerValue());
  }

  private void push(boolean object, String name) {
    depth++;
    if (depth == firstSlot.length) {
      int length = firstSlot.length * 2;
      firstSlot = Arrays.copyOf(firstSlot, length);
      isObject = Arrays.copyOf(isObject, length);
      nameInParent = Arrays.copyOf(nameInParent, length);
    }
    firstSlot[depth] = size;
    isObject[depth] = object;
    nameInParent[depth] = name;
  }

  private void add(String name, JsonNode value) {
    if (size == values.length) {
      names = Arrays.copyOf(names, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    names[size] = name;
    values[size] = value;
    size++;
    maxSize = Math.max(maxSize, size);
  }

  /** Drops the references to the last tree, also after a parse error. */
  private void clear() {
    Arrays.fill(names, 0, maxSize, null);
    Arrays.fill(values, 0, maxSize, null);
    if (depth >= 0) {
      Arrays.fill(nameInParent, 0, depth + 1, null);
    }
    size = 0;
    maxSize = 0;
    depth = -1;
  }
}
