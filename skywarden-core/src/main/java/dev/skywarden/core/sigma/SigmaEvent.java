package dev.skywarden.core.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * An event as Sigma rules see it: the log source it came from and its raw JSON record.
 * Implementations must not change the document while rules evaluate it.
 */
public interface SigmaEvent {

  /** Returns the product, such as {@code aws}, or null when unknown. */
  String product();

  /** Returns the service, such as {@code cloudtrail}, or null when unknown. */
  String service();

  /** Returns the category, or null when the source has none. */
  String category();

  /** Returns the raw record as a Jackson tree. */
  JsonNode document();

  /** Returns a plain event. */
  static SigmaEvent of(String product, String service, String category, JsonNode document) {
    return new Simple(product, service, category, document);
  }

  /** A plain {@link SigmaEvent}. */
  record Simple(String product, String service, String category, JsonNode document)
      implements SigmaEvent {
    public Simple {
      Objects.requireNonNull(document, "document");
    }
  }
}
