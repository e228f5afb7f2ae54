package dev.skywarden.core.sigma;

import dev.skywarden.core.sigma.value.SigmaBool;
import dev.skywarden.core.sigma.value.SigmaNull;
import dev.skywarden.core.sigma.value.SigmaNumber;
import dev.skywarden.core.sigma.value.SigmaString;
import dev.skywarden.core.sigma.value.SigmaValue;
import java.util.Locale;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Helpers over composed snakeyaml-engine nodes: locations, kinds and typed scalar values. */
final class YamlNodes {

  private YamlNodes() {}

  /** Returns the 1-based location where {@code node} starts. */
  static RuleLocation location(String file, Node node) {
    return node.getStartMark().map(mark -> location(file, mark)).orElse(RuleLocation.ofFile(file));
  }

  /** Returns the 1-based location of a 0-based snakeyaml mark. */
  static RuleLocation location(String file, Mark mark) {
    return new RuleLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /**
   * Returns the location of the first character of a scalar's text: one column after the start for
   * a quoted scalar. Block scalars are not adjusted.
   */
  static RuleLocation textLocation(String file, Node node) {
    RuleLocation start = location(file, node);
    if (node instanceof ScalarNode scalar) {
      ScalarStyle style = scalar.getScalarStyle();
      if (style == ScalarStyle.SINGLE_QUOTED || style == ScalarStyle.DOUBLE_QUOTED) {
        return start.plusColumns(1);
      }
    }
    return start;
  }

  /** Returns whether {@code node} is the YAML null scalar. */
  static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  /** Returns a word for the node kind, for error messages. */
  static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "mapping";
    }
    if (node instanceof SequenceNode) {
      return "list";
    }
    if (isNull(node)) {
      return "null";
    }
    return "scalar";
  }

  /** Returns the rule value of a scalar, typed by its resolved YAML core-schema tag. */
  static SigmaValue value(ScalarNode scalar) {
    Tag tag = scalar.getTag();
    String text = scalar.getValue();
    if (Tag.NULL.equals(tag)) {
      return SigmaNull.INSTANCE;
    }
    if (Tag.BOOL.equals(tag)) {
      return new SigmaBool(text.toLowerCase(Locale.ROOT).equals("true"));
    }
    if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
      return SigmaNumber.parse(text);
    }
    return SigmaString.parse(text);
  }
}
