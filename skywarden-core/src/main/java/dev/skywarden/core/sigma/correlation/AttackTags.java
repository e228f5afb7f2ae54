package dev.skywarden.core.sigma.correlation;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads ATT&amp;CK technique ids from Sigma tags, as {@code SigmaRule#attackTechniques} does. */
final class AttackTags {

  private static final Pattern TECHNIQUE_TAG =
      Pattern.compile("attack\\.(t\\d{4}(?:\\.\\d{3})?)", Pattern.CASE_INSENSITIVE);

  private AttackTags() {}

  /** Adds the technique ids of {@code tags}, such as {@code T1580}, to {@code ids} in order. */
  static void addTechniques(List<String> tags, Set<String> ids) {
    for (String tag : tags) {
      Matcher matcher = TECHNIQUE_TAG.matcher(tag);
      if (matcher.matches()) {
        ids.add(matcher.group(1).toUpperCase(Locale.ROOT));
      }
    }
  }
}
