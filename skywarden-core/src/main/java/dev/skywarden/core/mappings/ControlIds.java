package dev.skywarden.core.mappings;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Control id normalisation, so that {@code AC-6}, {@code AC-06}, {@code ac_6} and {@code ac-6 }
 * find the same control, and {@code PR.AA-5} finds {@code PR.AA-05}.
 */
public final class ControlIds {

  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern NIST_ID =
      Pattern.compile("^([A-Z]{2})-0*(\\d+)(?:\\(0*(\\d+)\\))?$");

  private ControlIds() {}

  /**
   * Returns the lookup key of a control id: trimmed, upper case, {@code _} read as {@code -}, and
   * leading zeros dropped from every run of digits. Two ids name the same control exactly when
   * their keys are equal.
   */
  public static String key(String id) {
    String text = id.trim().toUpperCase(Locale.ROOT).replace('_', '-');
    Matcher digits = DIGITS.matcher(text);
    StringBuilder key = new StringBuilder();
    while (digits.find()) {
      String number = digits.group().replaceFirst("^0+(?=\\d)", "");
      digits.appendReplacement(key, number);
    }
    digits.appendTail(key);
    return key.toString();
  }

  /**
   * Tells whether a capability id answers a control query: equal keys, or the query names a parent
   * whose children continue after a dot, so {@code PR.AA-05} finds {@code PR.AA-05.02}.
   */
  public static boolean matches(String queryKey, String capabilityId) {
    String candidate = key(capabilityId);
    return candidate.equals(queryKey) || candidate.startsWith(queryKey + ".");
  }

  /**
   * Returns a NIST SP 800-53 id in NIST's own form ({@code AC-2}, {@code SI-4(5)}) from the padded
   * form of Mappings Explorer files ({@code AC-02}, {@code SI-04(05)}); empty when the text is no
   * NIST control id.
   */
  public static Optional<String> nistForm(String raw) {
    Matcher match = NIST_ID.matcher(raw.trim().toUpperCase(Locale.ROOT));
    if (!match.matches()) {
      return Optional.empty();
    }
    String id = match.group(1) + "-" + Integer.parseInt(match.group(2));
    if (match.group(3) != null) {
      id += "(" + Integer.parseInt(match.group(3)) + ")";
    }
    return Optional.of(id);
  }
}
