package dev.skywarden.core.mappings;

import java.util.Locale;
import java.util.Map;

/**
 * One Mappings Explorer framework file as stored in the catalogue.
 *
 * @param key the catalogue key, such as {@code nist_800_53_r5}, {@code cri_profile} or {@code aws};
 *     see {@link FrameworkKeys#key(String, String)}
 * @param label the display name, such as {@code NIST SP 800-53 r5}
 * @param kind whether the capabilities are controls, products or incident categories
 * @param framework the Mappings Explorer {@code mapping_framework}, such as {@code nist_800_53}
 * @param frameworkVersion the {@code mapping_framework_version}, such as {@code rev5} or {@code
 *     12/12/2024}
 * @param attackVersion the ATT&CK version the mappings were made against, such as {@code 16.1}
 * @param lastUpdate the file's {@code last_update} as written there ({@code MM/DD/YYYY}), or {@code
 *     null}
 * @param file the name of the mapping file
 * @param capabilityGroups the capability group ids with their names, such as {@code AC} to {@code
 *     Access Control}
 */
public record Framework(
    String key,
    String label,
    FrameworkKind kind,
    String framework,
    String frameworkVersion,
    String attackVersion,
    String lastUpdate,
    String file,
    Map<String, String> capabilityGroups) {

  public Framework {
    capabilityGroups = Map.copyOf(capabilityGroups);
  }

  /**
   * Returns whether a name given by a user names this framework: its key, label or Mappings
   * Explorer name, ignoring case and punctuation, so {@code nist-800-53-r5}, {@code NIST SP 800-53
   * r5} and {@code m365} all work. The Mappings Explorer name alone ({@code nist_800_53}) matches
   * every version of that framework.
   */
  public boolean matches(String name) {
    String wanted = simplify(name);
    return wanted.equals(simplify(key))
        || wanted.equals(simplify(label))
        || wanted.equals(simplify(framework))
        || (!wanted.isEmpty() && wanted.equals(simplify(labelInParentheses())));
  }

  /** Returns the part of the label in parentheses, such as {@code CSF 2.0}, or an empty string. */
  private String labelInParentheses() {
    int open = label.indexOf('(');
    int close = label.lastIndexOf(')');
    return open >= 0 && close > open ? label.substring(open + 1, close) : "";
  }

  private static String simplify(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
