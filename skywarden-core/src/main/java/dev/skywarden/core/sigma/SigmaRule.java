package dev.skywarden.core.sigma;

import dev.skywarden.core.sigma.detection.SigmaDetections;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One parsed Sigma detection rule. Immutable.
 *
 * @param id the rule's UUID, or null
 * @param name the unique rule name that correlations refer to, or null
 * @param title the title, never blank
 * @param status the maturity, such as {@code test}, or null
 * @param description the description, or null
 * @param author the author, or null
 * @param date the creation date, or null
 * @param modified the last change date, or null
 * @param references the references, in rule order
 * @param tags the tags as written, such as {@code attack.t1059.009}
 * @param logSource the log source
 * @param detection the search identifiers and conditions
 * @param falsePositives the known false positives
 * @param fields the fields to show an analyst
 * @param level the level, or null when the rule has none
 * @param location the file and the line where the rule's document starts
 */
public record SigmaRule(
    String id,
    String name,
    String title,
    String status,
    String description,
    String author,
    LocalDate date,
    LocalDate modified,
    List<String> references,
    List<String> tags,
    LogSource logSource,
    SigmaDetections detection,
    List<String> falsePositives,
    List<String> fields,
    SigmaLevel level,
    RuleLocation location) {

  private static final Pattern TECHNIQUE_TAG =
      Pattern.compile("attack\\.(t\\d{4}(?:\\.\\d{3})?)", Pattern.CASE_INSENSITIVE);
  private static final Pattern OTHER_ATTACK_ID =
      Pattern.compile("attack\\.[gs]\\d{4}", Pattern.CASE_INSENSITIVE);

  public SigmaRule {
    Objects.requireNonNull(title, "title");
    references = List.copyOf(references);
    tags = List.copyOf(tags);
    Objects.requireNonNull(logSource, "logSource");
    Objects.requireNonNull(detection, "detection");
    falsePositives = List.copyOf(falsePositives);
    fields = List.copyOf(fields);
    Objects.requireNonNull(location, "location");
  }

  /** Returns the file the rule was read from. */
  public String sourceFile() {
    return location.file();
  }

  /** Returns the level, if the rule sets one. */
  public Optional<SigmaLevel> optionalLevel() {
    return Optional.ofNullable(level);
  }

  /**
   * Returns the ATT&amp;CK technique ids from the tags, such as {@code T1059.009} for {@code
   * attack.t1059.009}, in tag order without duplicates.
   */
  public List<String> attackTechniques() {
    List<String> techniques = new ArrayList<>();
    for (String tag : tags) {
      var matcher = TECHNIQUE_TAG.matcher(tag);
      if (matcher.matches()) {
        String technique = matcher.group(1).toUpperCase(Locale.ROOT);
        if (!techniques.contains(technique)) {
          techniques.add(technique);
        }
      }
    }
    return techniques;
  }

  /**
   * Returns the ATT&amp;CK tactic names from the tags, such as {@code execution} for {@code
   * attack.execution}; technique, group ({@code gNNNN}) and software ({@code sNNNN}) tags are left
   * out.
   */
  public List<String> attackTactics() {
    List<String> tactics = new ArrayList<>();
    for (String tag : tags) {
      String lower = tag.toLowerCase(Locale.ROOT);
      if (lower.startsWith("attack.")
          && !TECHNIQUE_TAG.matcher(tag).matches()
          && !OTHER_ATTACK_ID.matcher(tag).matches()) {
        String tactic = lower.substring("attack.".length());
        if (!tactics.contains(tactic)) {
          tactics.add(tactic);
        }
      }
    }
    return tactics;
  }

  @Override
  public String toString() {
    return "SigmaRule[" + (id == null ? "" : id + " ") + title + " @ " + location + "]";
  }
}
