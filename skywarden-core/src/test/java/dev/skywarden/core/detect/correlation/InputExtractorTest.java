package dev.skywarden.core.detect.correlation;

import static dev.skywarden.core.detect.correlation.CorrelationFixtures.call;
import static dev.skywarden.core.detect.correlation.CorrelationFixtures.load;
import static dev.skywarden.core.detect.correlation.CorrelationFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.detect.correlation.CorrelationFixtures.Loaded;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Interner;
import org.junit.jupiter.api.Test;

/** What a correlation input keeps of a matched event, with and without an interner. */
class InputExtractorTest {

  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";

  private static final Loaded LOADED =
      load(
          "burst.yml",
          rule("listing", "ListBuckets")
              + "---\ntitle: Listing burst\nname: listing_burst\n"
              + "id: c0ffee00-0000-4000-8000-000000000201\n"
              + "correlation:\n    type: value_count\n    rules: [listing]\n"
              + "    group-by: [userIdentity.arn]\n    timespan: 10m\n    condition:\n"
              + "        field: eventName\n        gte: 3\n");

  private final InputExtractor extractor = new InputExtractor(LOADED.correlations());

  @Test
  void interned_equalsPlainInput() {
    CloudEvent event = call(1, 1, "ListBuckets", ALICE);

    CorrelationInput plain = extractor.extract(LOADED.rule("listing"), event);
    CorrelationInput interned = extractor.extract(LOADED.rule("listing"), event, new Interner());

    assertThat(interned.fields()).isEqualTo(plain.fields());
    assertThat(interned.fields()).containsEntry("userIdentity.arn", ALICE);
    assertThat(interned.event()).isEqualTo(plain.event());
    assertThat(interned.event().raw()).isEmpty();
  }

  @Test
  void interned_sharesRepeatedParts() {
    Interner interner = new Interner();
    CloudEvent first = call(1, 1, "ListBuckets", ALICE);
    CloudEvent second = call(2, 2, "ListBuckets", ALICE);
    assertThat(second.actor()).isNotSameAs(first.actor());

    CorrelationInput one = extractor.extract(LOADED.rule("listing"), first, interner);
    CorrelationInput two = extractor.extract(LOADED.rule("listing"), second, interner);

    assertThat(two.event().actor()).isSameAs(one.event().actor());
    assertThat(two.event().source()).isSameAs(one.event().source());
    assertThat(two.event().userAgent()).isSameAs(one.event().userAgent());
    assertThat(two.event().api()).isSameAs(one.event().api());
    assertThat(two.fields().get("userIdentity.arn")).isSameAs(one.fields().get("userIdentity.arn"));
    assertThat(two.event().eventId()).isNotEqualTo(one.event().eventId());
  }

  @Test
  void unreferencedRule_givesNoInput() {
    Loaded other = load("other.yml", rule("other", "GetObject"));

    CorrelationInput input =
        extractor.extract(other.rule("other"), call(1, 1, "GetObject", ALICE), new Interner());

    assertThat(input).isNull();
  }
}
