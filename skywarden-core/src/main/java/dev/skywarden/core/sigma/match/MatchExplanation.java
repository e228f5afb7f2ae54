package dev.skywarden.core.sigma.match;

import java.util.List;
import java.util.Objects;

/**
 * Why a rule matched an event: the search identifiers that matched, each with the field values that
 * satisfied it. {@code toString()} gives one line such as {@code selection matched
 * eventName=SendCommand, eventSource=ssm.amazonaws.com}.
 */
public record MatchExplanation(List<SelectionHit> selections) {

  /** The longest value text kept in a hit, in characters. */
  static final int MAX_VALUE_CHARS = 120;

  public MatchExplanation {
    selections = List.copyOf(selections);
  }

  /** One matched search identifier. */
  public record SelectionHit(String identifier, List<FieldHit> fields) {
    public SelectionHit {
      Objects.requireNonNull(identifier, "identifier");
      fields = List.copyOf(fields);
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder();
      appendTo(text);
      return text.toString();
    }

    /**
     * Appends the text of {@link #toString()}, with a plain loop because every rule hit runs it.
     */
    void appendTo(StringBuilder text) {
      text.append(identifier).append(" matched");
      String separator = " ";
      for (FieldHit field : fields) {
        text.append(separator).append(field.field()).append('=').append(field.value());
        separator = ", ";
      }
    }
  }

  /**
   * One satisfied detection item.
   *
   * @param field the field, or {@code keyword} for a keyword item
   * @param value the event's value, {@code <missing>} when absence matched, shortened to {@value
   *     MatchExplanation#MAX_VALUE_CHARS} characters
   */
  public record FieldHit(String field, String value) {
    @Override
    public String toString() {
      return field + "=" + value;
    }
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    String separator = "";
    for (SelectionHit selection : selections) {
      text.append(separator);
      selection.appendTo(text);
      separator = "; ";
    }
    return text.toString();
  }
}
