package dev.skywarden.core.mappings;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Catalogue keys, labels and kinds of Mappings Explorer frameworks. {@code
 * scripts/generate-catalog.py} applies the same rules, so an imported file replaces the bundled
 * framework of the same key.
 */
public final class FrameworkKeys {

  private static final Pattern NIST_REVISION = Pattern.compile("^rev(\\d+)$");

  private record Known(String label, FrameworkKind kind) {}

  private static final Map<String, Known> KNOWN =
      Map.of(
          "nist_800_53_r5", new Known("NIST SP 800-53 r5", FrameworkKind.CONTROL),
          "nist_800_53_r4", new Known("NIST SP 800-53 r4", FrameworkKind.CONTROL),
          "cri_profile", new Known("CRI Profile (CSF 2.0)", FrameworkKind.CONTROL),
          "csa_ccm", new Known("CSA CCM", FrameworkKind.CONTROL),
          "veris", new Known("VERIS", FrameworkKind.CATEGORY),
          "aws", new Known("AWS", FrameworkKind.CAPABILITY),
          "azure", new Known("Azure", FrameworkKind.CAPABILITY),
          "gcp", new Known("GCP", FrameworkKind.CAPABILITY),
          "m365", new Known("M365", FrameworkKind.CAPABILITY));

  private FrameworkKeys() {}

  /**
   * Returns the catalogue key of a framework: {@code nist_800_53_r5} for NIST SP 800-53 {@code
   * rev5}, else the Mappings Explorer framework name itself ({@code aws}, {@code cri_profile}).
   */
  public static String key(String framework, String version) {
    if (framework.equals("nist_800_53")) {
      Matcher revision = NIST_REVISION.matcher(version);
      return revision.matches() ? "nist_800_53_r" + revision.group(1) : "nist_800_53_" + version;
    }
    return framework;
  }

  /** Returns the display name of a key; an unknown key is its own label. */
  public static String label(String key) {
    Known known = KNOWN.get(key);
    return known == null ? key : known.label();
  }

  /** Returns the kind of a key; an unknown framework counts as products ({@code CAPABILITY}). */
  public static FrameworkKind kind(String key) {
    Known known = KNOWN.get(key);
    return known == null ? FrameworkKind.CAPABILITY : known.kind();
  }
}
