package dev.skywarden.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Jackson {@link ObjectNode} whose fields are kept as a shared {@link Shape} of keys and an array
 * of values ({@link ShapedMap}). It behaves as an {@code ObjectNode} backed by a {@code
 * LinkedHashMap}: order, equality with other object nodes, hash code, serialisation and copies are
 * the same. Readers that know the class can look keys up through {@link #shape()}.
 *
 * <p>Not thread-safe for changes, like {@code ObjectNode}; a node that no thread changes may be
 * read by many.
 */
@SuppressWarnings("unchecked") // ObjectNode.deepCopy overrides the generic JsonNode.deepCopy
public final class ShapedObjectNode extends ObjectNode {

  private static final long serialVersionUID = 1L;

  ShapedObjectNode(JsonNodeFactory factory, ShapeTree tree) {
    super(factory, new ShapedMap(tree));
  }

  /**
   * Returns the shape of this node's keys, or null when the node was changed in a way that put it
   * in dictionary mode (a key removed, or a cap of its tree reached). The result describes the node
   * until the next change of its keys.
   */
  public Shape shape() {
    return ((ShapedMap) _children).shape();
  }

  /**
   * Returns the value of the key at {@code index} of {@link #shape()}, which must be the current,
   * non-null shape.
   */
  public JsonNode valueAt(int index) {
    return ((ShapedMap) _children).valueAt(index);
  }
}
