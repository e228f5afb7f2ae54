package dev.skywarden.core.event;

/**
 * Whether the call succeeded.
 *
 * @param success {@code false} when the provider reports an error or a denial
 * @param errorCode the provider's error code, or {@code null}
 * @param errorMessage the provider's error message, or {@code null}
 */
public record Outcome(boolean success, String errorCode, String errorMessage) {

  public static final Outcome SUCCESS = new Outcome(true, null, null);
}
