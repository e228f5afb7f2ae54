package dev.skywarden.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks shape lookups against scans of the keys, and the caps of a shape tree. */
class ShapeTest {

  @Test
  void sameKeysInOrder_shareOneShape() {
    ShapedNodeFactory factory = new ShapedNodeFactory(new ShapeTree(100, 10, 10, 10));
    ObjectNode first = factory.objectNode().put("eventName", "a").put("eventTime", "b");
    ObjectNode second = factory.objectNode().put("eventName", "c").put("eventTime", "d");
    ObjectNode reversed = factory.objectNode().put("eventTime", "d").put("eventName", "c");

    assertThat(shapeOf(first)).isSameAs(shapeOf(second));
    assertThat(shapeOf(reversed)).isNotSameAs(shapeOf(first));
    assertThat(factory.tree().shapeCount()).isEqualTo(4);
  }

  @Test
  void indexOfIgnoringCase_firstInKeyOrder() {
    Shape shape = shapeOf(objectWithKeys("userName", "USERNAME", "username", "other"));

    assertThat(shape.indexOf("USERNAME")).isEqualTo(1);
    assertThat(shape.indexOf("UserName")).isEqualTo(-1);
    assertThat(shape.indexOfIgnoringCase("UserName")).isEqualTo(0);
    assertThat(shape.indexOfIgnoringCase("errorCode")).isEqualTo(-1);
    assertThat(shape.hasDottedKey()).isFalse();
    assertThat(shapeOf(objectWithKeys("a", "data.field")).hasDottedKey()).isTrue();
  }

  @Test
  void nonAsciiKeys_matchEqualsIgnoreCase() {
    // The Kelvin sign and the long s equal ASCII letters ignoring case; the Deseret letters are
    // one supplementary character in upper and lower case.
    List<String> keys =
        List.of("\u212Aey", "Stra\u00DFe", "\u017Fign", "\uD801\uDC00x", "\u0130d", "\u00B5s");
    List<String> names =
        List.of(
            "key",
            "KEY",
            "STRASSE",
            "straße",
            "sign",
            "SIGN",
            "\uD801\uDC28x",
            "\uD801\uDC00X",
            "id",
            "İD",
            "ID",
            "\u03BCs",
            "\u039CS",
            "none");
    Shape shape = shapeOf(objectWithKeys(keys.toArray(new String[0])));

    for (String name : names) {
      assertThat(shape.indexOfIgnoringCase(name)).as(name).isEqualTo(scanIgnoringCase(keys, name));
    }
  }

  @Test
  void randomKeys_lookupsMatchScans() {
    Random random = new Random(7);
    String alphabet = "aAbBkK.\u212A\u017Fs\u00DF\u0130iI\u00B5\u03BC\u039C\uD801\uDC00\uDC28";
    for (int run = 0; run < 300; run++) {
      List<String> keys = new ArrayList<>();
      ObjectNode node = new ShapedNodeFactory(new ShapeTree(100, 100, 100, 100)).objectNode();
      for (int i = 0; i < 1 + random.nextInt(12); i++) {
        String key = randomText(random, alphabet);
        if (!keys.contains(key)) {
          keys.add(key);
          node.put(key, i);
        }
      }
      Shape shape = shapeOf(node);
      for (int probe = 0; probe < 30; probe++) {
        String name = randomText(random, alphabet);
        assertThat(shape.indexOf(name)).as(keys + " " + name).isEqualTo(keys.indexOf(name));
        assertThat(shape.indexOfIgnoringCase(name))
            .as(keys + " " + name)
            .isEqualTo(scanIgnoringCase(keys, name));
      }
    }
  }

  @Test
  void find_exactThenIgnoringCase() {
    Random random = new Random(13);
    String alphabet = "aAbBkK.\u212A\u017Fs\u00DF\u0130iI";
    List<String> keys = new ArrayList<>();
    ObjectNode node = new ShapedNodeFactory(new ShapeTree(100, 100, 100, 100)).objectNode();
    for (int i = 0; i < 40; i++) {
      String key = randomText(random, alphabet);
      if (!keys.contains(key)) {
        keys.add(key);
        node.put(key, i);
      }
    }
    Shape shape = shapeOf(node);

    // More names than the shape keeps results for, each asked several times and as a copy.
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 4 * Shape.FOUND_SLOTS; i++) {
      names.add(randomText(random, alphabet));
    }
    for (int round = 0; round < 3; round++) {
      for (String name : names) {
        int exact = keys.indexOf(name);
        int expected = exact >= 0 ? exact : scanIgnoringCase(keys, name);
        assertThat(shape.find(name)).as(keys + " " + name).isEqualTo(expected);
        assertThat(shape.find(new String(name))).as(keys + " " + name).isEqualTo(expected);
      }
    }
  }

  @Test
  void fold_agreesWithEqualsIgnoreCase() {
    Random random = new Random(11);
    List<String> mismatches = new ArrayList<>();
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      if (Character.isSurrogate(c)) {
        continue;
      }
      char[] others = {
        Character.toUpperCase(c),
        Character.toLowerCase(c),
        Character.toTitleCase(c),
        KeyTable.fold(c),
        (char) random.nextInt(0x3000),
        (char) random.nextInt(0x80),
        '.'
      };
      for (char other : others) {
        if (Character.isSurrogate(other)) {
          continue;
        }
        boolean equal = String.valueOf(c).equalsIgnoreCase(String.valueOf(other));
        boolean sameFold = KeyTable.fold(c) == KeyTable.fold(other);
        if (equal != sameFold) {
          mismatches.add(Integer.toHexString(c) + "/" + Integer.toHexString(other));
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void onlyDot_foldsToDot() {
    List<Integer> others = new ArrayList<>();
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      if (c != '.' && !Character.isSurrogate(c) && String.valueOf(c).equalsIgnoreCase(".")) {
        others.add((int) c);
      }
    }
    assertThat(others).isEmpty();
  }

  @Test
  void capOnShapes_switchesToDictionary() {
    ShapeTree tree = new ShapeTree(5, 100, 100, 100);
    ShapedNodeFactory factory = new ShapedNodeFactory(tree);
    List<ObjectNode> nodes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      nodes.add(factory.objectNode().put("k" + i, i).put("v", i));
    }

    assertThat(tree.shapeCount()).isEqualTo(5);
    assertThat(shapeOf(nodes.get(0))).isNotNull();
    assertThat(shapeOf(nodes.get(1))).isNotNull();
    assertThat(((ShapedObjectNode) nodes.get(2)).shape()).isNull();
    assertThat(((ShapedObjectNode) nodes.get(9)).shape()).isNull();
    for (int i = 0; i < 10; i++) {
      assertThat(nodes.get(i).toString()).isEqualTo("{\"k" + i + "\":" + i + ",\"v\":" + i + "}");
    }
  }

  @Test
  void capOnTransitions_switchesToDictionary() {
    ShapeTree tree = new ShapeTree(1_000, 2, 3, 100);
    ShapedNodeFactory factory = new ShapedNodeFactory(tree);
    List<ShapedObjectNode> roots = new ArrayList<>();
    List<ShapedObjectNode> seconds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      roots.add((ShapedObjectNode) factory.objectNode().put("r" + i, i));
      seconds.add((ShapedObjectNode) factory.objectNode().put("r0", 0).put("s" + i, i));
    }

    assertThat(roots).filteredOn(node -> node.shape() != null).hasSize(3);
    assertThat(seconds).filteredOn(node -> node.shape() != null).hasSize(2);
    assertThat(tree.shapeCount()).isEqualTo(5);
  }

  @Test
  void capOnKeys_switchesToDictionary() {
    ShapedNodeFactory factory = new ShapedNodeFactory(new ShapeTree(1_000, 10, 10, 3));
    ObjectNode node = factory.objectNode().put("a", 1).put("b", 2).put("c", 3);
    assertThat(shapeOf(node).size()).isEqualTo(3);

    node.put("d", 4);

    assertThat(((ShapedObjectNode) node).shape()).isNull();
    assertThat(node.toString()).isEqualTo("{\"a\":1,\"b\":2,\"c\":3,\"d\":4}");
  }

  /** Shapes live as long as their tree, so a long key must not be kept in one. */
  @Test
  void longKey_switchesToDictionary() {
    ShapeTree tree = new ShapeTree(1_000, 10, 10, 100);
    ShapedNodeFactory factory = new ShapedNodeFactory(tree);
    String longest = "k".repeat(ShapeTree.MAX_KEY_LENGTH);
    String tooLong = "k".repeat(ShapeTree.MAX_KEY_LENGTH + 1);

    ObjectNode kept = factory.objectNode().put("a", 1).put(longest, 2);
    ObjectNode dropped = factory.objectNode().put("a", 1).put(tooLong, 2);

    assertThat(shapeOf(kept).size()).isEqualTo(2);
    assertThat(((ShapedObjectNode) dropped).shape()).isNull();
    assertThat(dropped.get(tooLong).intValue()).isEqualTo(2);
    assertThat(tree.shapeCount()).isEqualTo(2);
  }

  private static Shape shapeOf(ObjectNode node) {
    Shape shape = ((ShapedObjectNode) node).shape();
    assertThat(shape).as("shape of " + node).isNotNull();
    return shape;
  }

  private static ObjectNode objectWithKeys(String... keys) {
    ObjectNode node = new ShapedNodeFactory(new ShapeTree(100, 10, 10, 10)).objectNode();
    for (String key : keys) {
      node.put(key, key);
    }
    return node;
  }

  private static int scanIgnoringCase(List<String> keys, String name) {
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String randomText(Random random, String alphabet) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 1 + random.nextInt(4); i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
