package dev.skywarden.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Applies the same random operations to a shaped object node and to an ordinary {@code ObjectNode}
 * backed by a {@code LinkedHashMap}, and checks after each step that they behave the same: order,
 * lookups, equality both ways, hash code, text and copies.
 */
class ShapedObjectNodeRandomTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Few keys, so that puts often hit existing keys and objects often share shapes. */
  private static final List<String> KEYS =
      List.of("a", "b", "c", "eventName", "EventName", "x.y", "d", "e", "f", "g", "h", "i");

  @Test
  void randomOperations_matchLinkedHashMap() throws Exception {
    // Small caps, so that the runs also cross into dictionary mode by the caps.
    ShapeTree tree = new ShapeTree(40, 3, 5, 6);
    ShapedNodeFactory factory = new ShapedNodeFactory(tree);
    Random random = new Random(20261205);
    int dictionaryNodes = 0;

    for (int run = 0; run < 400; run++) {
      ObjectNode shaped = factory.objectNode();
      ObjectNode plain = new ObjectNode(JsonNodeFactory.instance, new LinkedHashMap<>());
      for (int step = 0; step < 40; step++) {
        String operation = applyRandom(random, shaped, plain);
        assertSame(shaped, plain, "run " + run + " step " + step + " after " + operation);
      }
      if (((ShapedObjectNode) shaped).shape() == null) {
        dictionaryNodes++;
      }
    }

    assertThat(tree.shapeCount()).isLessThanOrEqualTo(40);
    assertThat(dictionaryNodes).as("nodes that ended in dictionary mode").isPositive();
  }

  @Test
  void appendOnly_keepsShapeMode() {
    ShapedNodeFactory factory = new ShapedNodeFactory(new ShapeTree(100, 10, 10, 10));
    ObjectNode node = factory.objectNode();
    node.put("a", 1);
    node.put("b", 2);
    node.put("a", 3);
    node.properties().iterator().next().setValue(TextNode.valueOf("set"));

    Shape shape = ((ShapedObjectNode) node).shape();
    assertThat(shape).isNotNull();
    assertThat(shape.keys()).containsExactly("a", "b");
    assertThat(node.toString()).isEqualTo("{\"a\":\"set\",\"b\":2}");
  }

  @Test
  void iteratorRemove_continuesInOrder() {
    ShapedNodeFactory factory = new ShapedNodeFactory(new ShapeTree(100, 10, 10, 10));
    ObjectNode node = factory.objectNode();
    for (String key : List.of("a", "b", "c", "d")) {
      node.put(key, key);
    }

    List<String> seen = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> entries = node.properties().iterator();
    while (entries.hasNext()) {
      String key = entries.next().getKey();
      seen.add(key);
      if (key.equals("b") || key.equals("d")) {
        entries.remove();
      }
    }

    assertThat(seen).containsExactly("a", "b", "c", "d");
    assertThat(node.toString()).isEqualTo("{\"a\":\"a\",\"c\":\"c\"}");
    assertThat(((ShapedObjectNode) node).shape()).isNull();
  }

  @Test
  void putDuringIteration_failsFast() {
    ShapedNodeFactory factory = new ShapedNodeFactory(new ShapeTree(100, 10, 10, 10));
    ObjectNode node = factory.objectNode();
    node.put("a", 1);
    node.put("b", 2);
    Iterator<String> names = node.fieldNames();
    names.next();
    node.put("c", 3);

    assertThatThrownBy(names::next).isInstanceOf(ConcurrentModificationException.class);
  }

  @Test
  void parsedDuplicateKeys_lastValueFirstPlace() throws Exception {
    ObjectMapper shapedMapper =
        new ObjectMapper().setNodeFactory(new ShapedNodeFactory(new ShapeTree(100, 10, 10, 10)));
    String text = "{\"a\":1,\"b\":{\"c\":2},\"a\":{\"d\":[3]},\"e\":null}";

    JsonNode shaped = shapedMapper.readTree(text);
    JsonNode plain = MAPPER.readTree(text);

    assertThat(shaped).isInstanceOf(ShapedObjectNode.class);
    assertThat(shaped.toString()).isEqualTo(plain.toString());
    assertThat(shaped.toString()).isEqualTo("{\"a\":{\"d\":[3]},\"b\":{\"c\":2},\"e\":null}");
    assertThat(shaped).isEqualTo(plain);
    assertThat(plain).isEqualTo(shaped);
    assertThat(shaped.hashCode()).isEqualTo(plain.hashCode());
  }

  /** Applies one random change to both nodes, checks their results agree and describes it. */
  private static String applyRandom(Random random, ObjectNode shaped, ObjectNode plain) {
    String key = KEYS.get(random.nextInt(KEYS.size()));
    JsonNode value = TextNode.valueOf("v" + random.nextInt(5));
    int choice = random.nextInt(100);

    if (choice < 45) {
      assertThat(shaped.replace(key, value)).isEqualTo(plain.replace(key, value));
      return "replace " + key;
    }

    if (choice < 55) {
      assertThat(shaped.putIfAbsent(key, value)).isEqualTo(plain.putIfAbsent(key, value));
      return "putIfAbsent " + key;
    }

    if (choice < 62) {
      assertThat(shaped.remove(key)).isEqualTo(plain.remove(key));
      return "remove " + key;
    }

    if (choice < 65) {
      shaped.removeAll();
      plain.removeAll();
      return "removeAll";
    }

    if (choice < 72) {
      removeWhileIterating(shaped, key);
      removeWhileIterating(plain, key);
      return "iterator remove " + key;
    }

    if (choice < 78) {
      setEveryValue(shaped, value);
      setEveryValue(plain, value);
      return "entry setValue";
    }

    if (choice < 82) {
      String other = KEYS.get(random.nextInt(KEYS.size()));
      shaped.retain(key, other, "a");
      plain.retain(key, other, "a");
      return "retain";
    }

    if (choice < 86) {
      Map<String, JsonNode> more = new LinkedHashMap<>();
      more.put(key, value);
      more.put(KEYS.get(random.nextInt(KEYS.size())), value);
      shaped.setAll(more);
      plain.setAll(more);
      return "setAll";
    }

    if (choice < 90) {
      shaped.removeIf(node -> node.asText().endsWith("1"));
      plain.removeIf(node -> node.asText().endsWith("1"));
      return "removeIf";
    }

    if (choice < 94) {
      shaped.remove(new HashSet<>(List.of(key, "b")));
      plain.remove(new HashSet<>(List.of(key, "b")));
      return "remove collection";
    }

    shaped.putObject(key).put("inner", key);
    plain.putObject(key).put("inner", key);
    return "putObject " + key;
  }

  private static void removeWhileIterating(ObjectNode node, String key) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      if (names.next().equals(key)) {
        names.remove();
      }
    }
  }

  private static void setEveryValue(ObjectNode node, JsonNode value) {
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (entry.getKey().length() == 1) {
        entry.setValue(value);
      }
    }
  }

  private static void assertSame(ObjectNode shaped, ObjectNode plain, String context)
      throws Exception {
    assertThat(shaped.size()).as(context).isEqualTo(plain.size());
    assertThat(shaped.isEmpty()).as(context).isEqualTo(plain.isEmpty());
    assertThat(shaped.toString()).as(context).isEqualTo(plain.toString());
    assertThat(MAPPER.writeValueAsString(shaped))
        .as(context)
        .isEqualTo(MAPPER.writeValueAsString(plain));
    assertThat(shaped).as(context).isEqualTo(plain);
    assertThat(plain).as(context).isEqualTo(shaped);
    assertThat(shaped.hashCode()).as(context).isEqualTo(plain.hashCode());
    assertThat(shaped.deepCopy()).as(context).isEqualTo(plain);

    List<String> shapedNames = new ArrayList<>();
    shaped.fieldNames().forEachRemaining(shapedNames::add);
    List<String> plainNames = new ArrayList<>();
    plain.fieldNames().forEachRemaining(plainNames::add);
    assertThat(shapedNames).as(context).isEqualTo(plainNames);

    for (String key : KEYS) {
      assertThat(shaped.get(key)).as(context + " get " + key).isEqualTo(plain.get(key));
      assertThat(shaped.has(key)).as(context + " has " + key).isEqualTo(plain.has(key));
    }
    assertThat(shaped.properties()).as(context).isEqualTo(plain.properties());
    assertThat(shaped.properties().hashCode()).as(context).isEqualTo(plain.properties().hashCode());
  }
}
