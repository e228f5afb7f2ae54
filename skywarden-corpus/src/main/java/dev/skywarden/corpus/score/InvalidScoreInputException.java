package dev.skywarden.corpus.score;

/**
 * A corpus manifest or ground-truth file that cannot be scored against: missing, unreadable, or
 * with an invalid record. The message names the file, the line when there is one, and the reason.
 */
public final class InvalidScoreInputException extends Exception {

  private static final long serialVersionUID = 1L;

  public InvalidScoreInputException(String message) {
    super(message);
  }

  public InvalidScoreInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
