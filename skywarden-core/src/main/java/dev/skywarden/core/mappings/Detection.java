package dev.skywarden.core.mappings;

import java.util.List;

/**
 * A rule or detector that tags ATT&CK techniques.
 *
 * @param kind where the detection comes from
 * @param id the rule or detector id, such as a Sigma rule UUID
 * @param title the title, such as {@code AWS CloudShell Session Started}
 * @param level the Sigma level ({@code low} to {@code critical}), or {@code null} when none is set
 * @param techniqueIds the ATT&CK ids it tags, upper case, such as {@code T1059.009}
 * @param origin the file or resource it was read from
 */
public record Detection(
    DetectionKind kind,
    String id,
    String title,
    String level,
    List<String> techniqueIds,
    String origin) {

  public Detection {
    techniqueIds = List.copyOf(techniqueIds);
  }

  /** The origin of a detection. */
  public enum DetectionKind {
    /** A Sigma rule shipped with Skywarden. */
    BUILTIN_RULE,
    /** A Sigma rule the user loaded with {@code --rules}. */
    LOADED_RULE,
    /** A behavioural detector (stateful, not a Sigma rule). */
    BEHAVIOURAL
  }
}
