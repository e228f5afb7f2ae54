package dev.skywarden.core.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.sigma.SigmaEvent;

/**
 * Presents a {@link CloudEvent} to Sigma rules: the log source of its {@link
 * dev.skywarden.core.event.LogKind} and its raw (repaired) record.
 */
record CloudSigmaEvent(CloudEvent event) implements SigmaEvent {

  @Override
  public String product() {
    return event.kind().sigmaProduct();
  }

  @Override
  public String service() {
    return event.kind().sigmaService();
  }

  @Override
  public String category() {
    return null;
  }

  @Override
  public JsonNode document() {
    return event.raw();
  }
}
