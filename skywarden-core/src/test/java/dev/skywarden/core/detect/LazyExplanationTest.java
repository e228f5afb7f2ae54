package dev.skywarden.core.detect;

import static dev.skywarden.core.detect.correlation.CorrelationFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.sigma.CompiledRule;
import dev.skywarden.core.sigma.SigmaParseResult;
import dev.skywarden.core.sigma.SigmaRuleParser;
import dev.skywarden.core.sigma.SigmaRuleSet;
import dev.skywarden.core.sigma.match.MatchExplanation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Checks that Sigma hits, whose explanation text is built only when first asked for, give the same
 * explanations and findings as explanations built at once, and that a finding builds the text only
 * for the hits it keeps as evidence.
 */
class LazyExplanationTest {

  private static final String RULE =
      """
      title: Role session from a listed address
      id: 0b5e6a1c-0000-4000-8000-000000000301
      logsource:
          product: aws
          service: cloudtrail
      detection:
          role:
              userIdentity.type: AssumedRole
          address:
              sourceIPAddress|cidr: 203.0.113.0/24
          listing:
              eventName|startswith: List
          condition: role and (address or listing)
      level: low
      """;

  private static SigmaRuleSet ruleSet() {
    SigmaParseResult parsed = new SigmaRuleParser().parseAll("role.yml", RULE);
    assertThat(parsed.errors()).as("parse errors").isEmpty();
    return SigmaRuleSet.compile(parsed.rules());
  }

  private static CloudEvent roleCall(int index, String eventName) {
    return event(
        index * 1000L,
        "trail.json",
        index,
        Map.of("userIdentity.type", "AssumedRole", "eventName", eventName));
  }

  @Test
  void detect_explanationEqualsEagerExplanation() {
    SigmaRuleSet rules = ruleSet();
    CompiledRule rule = rules.rules().get(0);
    SigmaDetector detector = new SigmaDetector(rules);

    for (String eventName : List.of("ListBuckets", "DescribeInstances")) {
      CloudEvent event = roleCall(1, eventName);
      List<DetectionHit> hits = new ArrayList<>();
      detector.detect(event, hits::add);

      String eager =
          rule.explain(new CloudSigmaEvent(event)).map(MatchExplanation::toString).orElseThrow();
      assertThat(hits).as(eventName).hasSize(1);
      assertThat(hits.get(0).explanation()).as(eventName).isEqualTo(eager);
      assertThat(eager).as(eventName).contains("userIdentity.type");
    }
  }

  @Test
  void aggregator_explainsOnlyKeptHits() {
    int hitCount = FindingAggregator.MAX_EVIDENCE + 15;
    AtomicInteger built = new AtomicInteger();
    FindingAggregator lazy = new FindingAggregator();
    for (int i = 1; i <= hitCount; i++) {
      lazy.add(lazyHit(roleCall(i, "ListBuckets"), built));
    }

    // Hits arrive in time order, so each one after the first MAX_EVIDENCE is later than all the
    // kept ones and is folded without its explanation.
    assertThat(built.get()).isEqualTo(FindingAggregator.MAX_EVIDENCE);
    assertThat(lazy.findings()).hasSize(1);
    assertThat(lazy.findings().get(0).evidence()).hasSize(FindingAggregator.MAX_EVIDENCE);
    assertThat(lazy.findings().get(0).count()).isEqualTo(hitCount);
  }

  @Test
  void aggregator_keepsSameFindingAsEager() {
    SigmaRuleSet rules = ruleSet();
    SigmaDetector detector = new SigmaDetector(rules);
    List<CloudEvent> events = new ArrayList<>();
    for (int i = 1; i <= FindingAggregator.MAX_EVIDENCE * 2; i++) {
      events.add(roleCall(i, i % 3 == 0 ? "ListUsers" : "ListBuckets"));
    }
    Collections.shuffle(events, new Random(7));

    FindingAggregator lazy = new FindingAggregator();
    FindingAggregator eager = new FindingAggregator();
    for (CloudEvent event : events) {
      List<DetectionHit> hits = new ArrayList<>();
      detector.detect(event, hits::add);
      assertThat(hits).hasSize(1);
      DetectionHit hit = hits.get(0);
      lazy.add(hit);
      eager.add(eagerCopy(hit, rules.rules().get(0), event));
    }

    List<Finding> lazyFindings = lazy.findings();
    assertThat(lazyFindings).hasSize(1);
    assertThat(lazyFindings).isEqualTo(eager.findings());
    assertThat(lazyFindings.get(0).explanation()).contains("userIdentity.type");
  }

  @Test
  void explanation_builtOnceThenKept() {
    AtomicInteger built = new AtomicInteger();
    DetectionHit hit = lazyHit(roleCall(1, "ListBuckets"), built);

    assertThat(built.get()).isZero();
    assertThat(hit.explanation()).isEqualTo("explained ListBuckets");
    assertThat(hit.explanation()).isEqualTo("explained ListBuckets");
    assertThat(built.get()).isEqualTo(1);
  }

  private static DetectionHit lazyHit(CloudEvent event, AtomicInteger built) {
    return DetectionHit.lazilyExplained(
        "rule-1",
        "Rule one",
        Severity.LOW,
        List.of("T1078.004"),
        event,
        () -> {
          built.incrementAndGet();
          return "explained " + event.api().operation();
        });
  }

  /** Returns {@code hit} with the explanation built at once from a fresh trace of {@code rule}. */
  private static DetectionHit eagerCopy(DetectionHit hit, CompiledRule rule, CloudEvent event) {
    String text =
        rule.explain(new CloudSigmaEvent(event)).map(MatchExplanation::toString).orElseThrow();
    return new DetectionHit(
        hit.ruleId(), hit.title(), hit.severity(), hit.techniqueIds(), event, text);
  }
}
