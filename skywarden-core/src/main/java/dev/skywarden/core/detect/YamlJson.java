package dev.skywarden.core.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Converts composed YAML nodes to Jackson trees, typing scalars by their resolved YAML 1.2 core
 * schema tag: null, booleans, integers and floats become JSON literals, everything else a string.
 */
final class YamlJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private YamlJson() {}

  /**
   * Returns the JSON form of {@code node}.
   *
   * @throws IllegalArgumentException when a mapping key is not a scalar
   */
  static JsonNode toJson(Node node) {
    if (node instanceof MappingNode mapping) {
      ObjectNode object = NODES.objectNode();
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
          throw new IllegalArgumentException(
              "mapping key at line " + line(tuple.getKeyNode()) + " is not a scalar");
        }
        object.set(key.getValue(), toJson(tuple.getValueNode()));
      }
      return object;
    }
    if (node instanceof SequenceNode sequence) {
      ArrayNode array = NODES.arrayNode();
      for (Node element : sequence.getValue()) {
        array.add(toJson(element));
      }
      return array;
    }
    return scalar((ScalarNode) node);
  }

  /** Returns the 1-based line where {@code node} starts, or 0 when the parser kept no mark. */
  static long line(Node node) {
    return node.getStartMark().map(mark -> mark.getLine() + 1L).orElse(0L);
  }

  private static JsonNode scalar(ScalarNode scalar) {
    Tag tag = scalar.getTag();
    String text = scalar.getValue();
    if (Tag.NULL.equals(tag)) {
      return NODES.nullNode();
    }
    if (Tag.BOOL.equals(tag)) {
      return NODES.booleanNode(text.toLowerCase(Locale.ROOT).equals("true"));
    }
    try {
      if (Tag.INT.equals(tag)) {
        return NODES.numberNode(integer(text));
      }
      if (Tag.FLOAT.equals(tag)) {
        return NODES.numberNode(new BigDecimal(text));
      }
    } catch (NumberFormatException e) {
      // .inf, .nan and similar have no JSON number form; keep the text.
      return NODES.textNode(text);
    }
    return NODES.textNode(text);
  }

  /**
   * Parses a core-schema integer: decimal with an optional sign, {@code 0o} octal or {@code 0x}.
   */
  private static BigInteger integer(String text) {
    if (text.startsWith("0o")) {
      return new BigInteger(text.substring(2), 8);
    }
    if (text.startsWith("0x")) {
      return new BigInteger(text.substring(2), 16);
    }
    return new BigInteger(text);
  }
}
