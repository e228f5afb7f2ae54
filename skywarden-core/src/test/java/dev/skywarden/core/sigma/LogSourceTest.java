package dev.skywarden.core.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Checks how a rule's log source is compared with an event's product, service and category. */
class LogSourceTest {

  @Test
  void appliesTo_ignoresAsciiCase() {
    LogSource source = new LogSource(null, "AWS", "CloudTrail");

    assertThat(source.appliesTo("aws", "cloudtrail", null)).isTrue();
    assertThat(source.appliesTo("aws", "cloudtrai", null)).isFalse();
    assertThat(source.appliesTo("azure", "cloudtrail", null)).isFalse();
    assertThat(source.appliesTo(null, "cloudtrail", null)).isFalse();
  }

  @Test
  void appliesTo_unsetAttributeMatchesAnything() {
    LogSource source = new LogSource(null, "aws", null);

    assertThat(source.appliesTo("aws", "anything", "any category")).isTrue();
    assertThat(source.appliesTo("aws", null, null)).isTrue();
  }

  @Test
  void appliesTo_comparesNonAsciiByLowerCase() {
    assertThat(new LogSource(null, "ÄPP", null).appliesTo("äpp", null, null)).isTrue();
    // Long s (U+017F) upper-cases to S, so equalsIgnoreCase would accept it; lower-casing keeps
    // it apart from s.
    assertThat(new LogSource(null, "\u017fvc", null).appliesTo("svc", null, null)).isFalse();
  }
}
