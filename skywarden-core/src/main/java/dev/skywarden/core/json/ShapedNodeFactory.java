package dev.skywarden.core.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A Jackson node factory whose object nodes are {@link ShapedObjectNode}s of one {@link ShapeTree}.
 * Set it on a mapper with {@code JsonMapper.builder().nodeFactory(...)}, and the trees that mapper
 * reads share the shapes of their keys. Other nodes are Jackson's.
 *
 * <p>Thread-safe.
 */
public final class ShapedNodeFactory extends JsonNodeFactory {

  private static final long serialVersionUID = 1L;

  /** The factory of the {@linkplain ShapeTree#SHARED shared} tree. */
  public static final ShapedNodeFactory SHARED = new ShapedNodeFactory(ShapeTree.SHARED);

  private final transient ShapeTree tree;

  /** Creates a factory of object nodes of {@code tree}. */
  public ShapedNodeFactory(ShapeTree tree) {
    this.tree = Objects.requireNonNull(tree, "tree");
  }

  @Override
  public ObjectNode objectNode() {
    return new ShapedObjectNode(this, tree);
  }

  /** Returns the tree of this factory's object nodes. */
  public ShapeTree tree() {
    return tree;
  }

  /**
   * Returns the {@linkplain #SHARED shared} factory in place of a deserialised one, because shape
   * trees are not serialised.
   */
  private Object readResolve() {
    return SHARED;
  }
}
