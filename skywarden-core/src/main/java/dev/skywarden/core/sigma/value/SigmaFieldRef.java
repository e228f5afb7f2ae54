package dev.skywarden.core.sigma.value;

import java.util.Objects;

/**
 * A reference to another field of the same event, made by the {@code fieldref} modifier. The item
 * matches when its field's value equals the referenced field's value; {@code startswith}, {@code
 * endswith} and {@code contains} after {@code fieldref} relax that to a prefix, suffix or infix
 * test.
 *
 * @param field the referenced field name, as written in the rule
 * @param anyBefore true when the referenced value may be preceded by other text ({@code endswith},
 *     {@code contains})
 * @param anyAfter true when the referenced value may be followed by other text ({@code startswith},
 *     {@code contains})
 */
public record SigmaFieldRef(String field, boolean anyBefore, boolean anyAfter)
    implements SigmaValue {

  public SigmaFieldRef {
    Objects.requireNonNull(field, "field");
  }

  /** Returns this reference with text allowed before the referenced value. */
  public SigmaFieldRef withAnyBefore() {
    return new SigmaFieldRef(field, true, anyAfter);
  }

  /** Returns this reference with text allowed after the referenced value. */
  public SigmaFieldRef withAnyAfter() {
    return new SigmaFieldRef(field, anyBefore, true);
  }

  @Override
  public String kind() {
    return "field reference";
  }

  @Override
  public String toString() {
    return (anyBefore ? "*" : "") + "fieldref(" + field + ")" + (anyAfter ? "*" : "");
  }
}
