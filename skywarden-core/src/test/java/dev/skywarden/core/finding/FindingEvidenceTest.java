package dev.skywarden.core.finding;

import static dev.skywarden.core.finding.TestHits.by;
import static dev.skywarden.core.finding.TestHits.event;
import static dev.skywarden.core.finding.TestHits.hit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.ClientFingerprint;
import dev.skywarden.core.event.ClientKind;
import dev.skywarden.core.event.CloudEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The evidence and earliest-hit fields of a finding that folds more hits than it keeps. */
class FindingEvidenceTest {

  private static final ClientFingerprint BOTO3 =
      new ClientFingerprint(ClientKind.AWS_SDK, "Boto3", "1.34.0", List.of("AWS_SDK:Boto3"));

  /**
   * 120 hits of one rule by one user: times repeat every 7 hits so ties fall to the location, and
   * every fifth event has a second hit with another explanation.
   */
  private static List<DetectionHit> hits() {
    List<DetectionHit> hits = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      CloudEvent event =
          event(
              "carol",
              60 - (i % 7) * 5,
              1000 - i,
              "AKIA" + i,
              "198.51.100." + (i % 9 + 1),
              "Op" + i);
      if (i % 3 == 0) {
        event = by(event, BOTO3);
      }
      hits.add(hit("rule-e", Severity.HIGH, event));
      if (i % 5 == 0) {
        hits.add(
            new DetectionHit(
                "rule-e", "Rule rule-e", Severity.HIGH, List.of(), event, "another explanation"));
      }
    }
    return hits;
  }

  private static Evidence evidenceOf(DetectionHit hit) {
    CloudEvent event = hit.event();
    return new Evidence(
        event.eventId(),
        event.time(),
        event.location(),
        event.api().service(),
        event.api().operation(),
        event.source().text(),
        event.source().network());
  }

  @Test
  void evidence_earliestInHitOrder() {
    List<DetectionHit> hits = hits();
    List<DetectionHit> sorted = new ArrayList<>(hits);
    sorted.sort(FindingAggregator.HIT_ORDER);
    List<Evidence> expected =
        sorted.stream()
            .limit(FindingAggregator.MAX_EVIDENCE)
            .map(FindingEvidenceTest::evidenceOf)
            .toList();

    for (long seed = 1; seed <= 4; seed++) {
      Collections.shuffle(hits, new Random(seed));
      FindingAggregator aggregator = new FindingAggregator();
      hits.forEach(aggregator::add);
      Finding finding = aggregator.findings().get(0);

      assertThat(finding.evidence()).isEqualTo(expected);
    }
  }

  @Test
  void earliestHit_givesClientTypeAndId() {
    List<DetectionHit> hits = hits();
    DetectionHit earliest = Collections.min(hits, FindingAggregator.HIT_ORDER);
    Collections.shuffle(hits, new Random(7));
    FindingAggregator aggregator = new FindingAggregator();
    hits.forEach(aggregator::add);

    Finding finding = aggregator.findings().get(0);

    assertThat(finding.client()).isEqualTo(earliest.event().client());
    assertThat(finding.principalType()).isEqualTo(earliest.event().actor().type().name());
    assertThat(finding.firstSeen()).isEqualTo(earliest.event().time());
    assertThat(finding.explanation()).startsWith(earliest.explanation());
    assertThat(finding.count()).isEqualTo(hits.size());
    assertThat(finding.clients()).containsExactly("AWS_CLI aws-cli/2.15.0", "AWS_SDK Boto3/1.34.0");
    assertThat(finding.id())
        .isEqualTo(
            FindingAggregator.findingId(
                "rule-e",
                earliest.event().provider(),
                earliest.event().account(),
                earliest.event().actor().displayName(),
                earliest.event().eventId()));
  }
}
