package dev.skywarden.core.posture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything read from a posture folder: the exports, the configuration and the files that were not
 * recognised.
 *
 * @param exports recognised exports in path order
 * @param config the configuration, or the defaults when the folder has none
 * @param generatedTime the newest generation time an export states (the credential report's {@code
 *     GeneratedTime}), if any
 * @param ignored files that are no posture export, each as {@code path: reason}
 */
public record PostureInputs(
    List<PostureExport> exports,
    PostureConfig config,
    Optional<Instant> generatedTime,
    List<String> ignored) {

  public PostureInputs {
    exports = List.copyOf(exports);
    ignored = List.copyOf(ignored);
  }

  /** Returns the exports of one kind in path order. */
  public List<PostureExport> exports(ExportKind kind) {
    List<PostureExport> matching = new ArrayList<>();
    for (PostureExport export : exports) {
      if (export.kind() == kind) {
        matching.add(export);
      }
    }
    return matching;
  }
}
