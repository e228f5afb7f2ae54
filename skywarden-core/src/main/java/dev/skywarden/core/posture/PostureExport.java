package dev.skywarden.core.posture;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One export file read and recognised.
 *
 * @param kind what the file is
 * @param file the path as given, for messages and results
 * @param data the content: the JSON document, or for list exports an array of the listed objects
 *     (Graph {@code value} wrappers and JSON Lines already unwrapped), or for a credential report
 *     an array of one object per CSV row keyed by the header
 */
public record PostureExport(ExportKind kind, String file, JsonNode data) {

  public PostureExport {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(data, "data");
  }
}
