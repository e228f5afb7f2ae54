package dev.skywarden.core.sigma;

import java.util.Locale;

/**
 * The {@code logsource} of a rule. Each attribute may be null, meaning the rule does not restrict
 * it.
 *
 * @param category the kind of log, such as {@code process_creation}
 * @param product the product, such as {@code aws} or {@code azure}
 * @param service the product's log, such as {@code cloudtrail} or {@code activitylogs}
 */
public record LogSource(String category, String product, String service) {

  /** Returns whether an event from {@code product}/{@code service}/{@code category} is in scope. */
  public boolean appliesTo(String eventProduct, String eventService, String eventCategory) {
    return sameOrUnset(product, eventProduct)
        && sameOrUnset(service, eventService)
        && sameOrUnset(category, eventCategory);
  }

  private static boolean sameOrUnset(String ruleValue, String eventValue) {
    if (ruleValue == null) {
      return true;
    }
    if (eventValue == null) {
      return false;
    }

    // Every event is checked against every log source group, so the common ASCII case avoids
    // building lower-case copies; for ASCII text both comparisons give the same answer.
    if (isAscii(ruleValue) && isAscii(eventValue)) {
      return ruleValue.equalsIgnoreCase(eventValue);
    }
    return ruleValue.toLowerCase(Locale.ROOT).equals(eventValue.toLowerCase(Locale.ROOT));
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    append(text, "product", product);
    append(text, "service", service);
    append(text, "category", category);
    return text.length() == 0 ? "any" : text.toString();
  }

  private static void append(StringBuilder text, String name, String value) {
    if (value != null) {
      text.append(text.length() == 0 ? "" : " ").append(name).append('=').append(value);
    }
  }
}
