package dev.skywarden.core.detect.correlation;

import static dev.skywarden.core.detect.correlation.CorrelationFixtures.call;
import static dev.skywarden.core.detect.correlation.CorrelationFixtures.load;
import static dev.skywarden.core.detect.correlation.CorrelationFixtures.rule;
import static dev.skywarden.core.detect.correlation.CorrelationFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.detect.correlation.CorrelationFixtures.Loaded;
import dev.skywarden.core.detect.correlation.CorrelationFixtures.Match;
import dev.skywarden.core.event.CloudEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks that a firing counts every contributing event, not only the evidence it keeps. */
class CorrelationEventCountTest {

  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";

  private static final String BURST =
      rule("listing", "ListBuckets")
          + "---\ntitle: Listing burst\nname: listing_burst\n"
          + "id: c0ffee00-0000-4000-8000-000000000101\n"
          + "correlation:\n    type: event_count\n    rules: [listing]\n"
          + "    group-by: [userIdentity.arn]\n    timespan: 10m\n    condition:\n"
          + "        gte: 3\n";

  @Test
  void contributingEvents_notCappedByEvidence() {
    Loaded loaded = load("burst.yml", BURST);
    List<Match> matches = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      matches.add(new Match("listing", call(i * 10, i + 1, "ListBuckets", ALICE)));
    }
    CorrelationLimits limits =
        new CorrelationLimits(Duration.ZERO, 10_000, 2_000_000, 100_000, 1_000_000, 5);

    List<CorrelationFiring> firings = run(loaded, limits, matches);

    assertThat(firings).hasSize(1);
    assertThat(firings.get(0).eventCount()).isEqualTo(30);
    assertThat(firings.get(0).contributingEvents()).isEqualTo(30);
    assertThat(firings.get(0).evidence()).hasSize(5);
  }

  @Test
  void contributingEvents_countEventOfTwoRulesOnce() {
    Loaded loaded =
        load(
            "two.yml",
            rule("listing_a", "ListBuckets")
                + "---\n"
                + rule("listing_b", "ListBuckets")
                + "---\ntitle: Either listing\nid: c0ffee00-0000-4000-8000-000000000102\n"
                + "correlation:\n    type: event_count\n    rules: [listing_a, listing_b]\n"
                + "    group-by: [userIdentity.arn]\n    timespan: 10m\n    condition:\n"
                + "        gte: 4\n");
    List<Match> matches = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      CloudEvent event = call(i * 10, i + 1, "ListBuckets", ALICE);
      matches.add(new Match("listing_a", event));
      matches.add(new Match("listing_b", event));
    }

    List<CorrelationFiring> firings = run(loaded, Duration.ZERO, matches);

    assertThat(firings).hasSize(1);
    assertThat(firings.get(0).eventCount()).isEqualTo(4);
    assertThat(firings.get(0).contributingEvents()).isEqualTo(2);
  }

  @Test
  void contributingEvents_chainedSumsReferencedFirings() {
    Loaded loaded =
        load(
            "chain.yml",
            BURST
                + "---\n"
                + rule("deletion", "DeleteBucket")
                + "---\ntitle: Burst then deletion\nid: c0ffee00-0000-4000-8000-000000000103\n"
                + "correlation:\n    type: temporal_ordered\n"
                + "    rules: [listing_burst, deletion]\n"
                + "    group-by: [userIdentity.arn]\n    timespan: 30m\n");
    List<Match> matches = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      matches.add(new Match("listing", call(i * 10, i + 1, "ListBuckets", ALICE)));
    }
    matches.add(new Match("deletion", call(600, 26, "DeleteBucket", ALICE)));

    List<CorrelationFiring> firings = run(loaded, Duration.ZERO, matches);

    CorrelationFiring outer =
        firings.stream()
            .filter(firing -> firing.correlation().key().endsWith("000000000103"))
            .findFirst()
            .orElseThrow();
    assertThat(outer.eventCount()).isEqualTo(2);
    assertThat(outer.contributingEvents()).isEqualTo(26);
    assertThat(outer.evidence()).hasSize(CorrelationLimits.DEFAULTS.maxEvidencePerFiring());
  }
}
