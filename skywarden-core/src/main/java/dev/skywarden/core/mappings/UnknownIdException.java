package dev.skywarden.core.mappings;

import java.util.List;

/**
 * Thrown when a technique or control id is not in the catalogue. The message names the id and the
 * closest matches.
 */
public final class UnknownIdException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> suggestions;

  /**
   * Creates the exception.
   *
   * @param message the full message, naming the id and the suggestions
   * @param suggestions the suggested ids, best first; may be empty
   */
  public UnknownIdException(String message, List<String> suggestions) {
    super(message);
    this.suggestions = List.copyOf(suggestions);
  }

  /** Returns the suggested ids, best first. */
  public List<String> suggestions() {
    return suggestions;
  }
}
