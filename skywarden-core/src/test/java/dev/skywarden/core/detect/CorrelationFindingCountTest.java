package dev.skywarden.core.detect;

import static dev.skywarden.core.detect.correlation.CorrelationFixtures.call;
import static dev.skywarden.core.detect.correlation.CorrelationFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.detect.correlation.CorrelationLimits;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.sigma.SigmaParseResult;
import dev.skywarden.core.sigma.SigmaRuleParser;
import dev.skywarden.core.sigma.SigmaRuleSet;
import dev.skywarden.core.sigma.correlation.CorrelationSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks that the finding of a correlation counts every event that contributed to its firing, while
 * its evidence stays capped.
 */
class CorrelationFindingCountTest {

  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  private static final String CORRELATION_ID = "c0ffee00-0000-4000-8000-000000000201";

  @Test
  void finding_countsEventsBeyondEvidence() {
    String yaml =
        rule("listing", "ListBuckets")
            + "---\ntitle: Listing burst\nid: "
            + CORRELATION_ID
            + "\ncorrelation:\n    type: event_count\n    rules: [listing]\n"
            + "    group-by: [userIdentity.arn]\n    timespan: 10m\n    condition:\n"
            + "        gte: 10\nlevel: medium\n";
    SigmaParseResult parsed = new SigmaRuleParser().parseAll("burst.yml", yaml);
    CorrelationSet correlations = CorrelationSet.resolve(parsed.rules(), parsed.correlations());
    SigmaDetector detector =
        new SigmaDetector(
            SigmaRuleSet.compile(parsed.rules()), correlations, CorrelationLimits.DEFAULTS);

    DetectorRun run = detector.startRun();
    FindingAggregator aggregator = new FindingAggregator();
    for (int i = 0; i < 45; i++) {
      run.detect(call(i * 5, i + 1, "ListBuckets", ALICE), aggregator::add);
    }
    run.finish(aggregator::add);

    List<Finding> findings = aggregator.findings();
    assertThat(findings).hasSize(1);
    Finding finding = findings.get(0);
    assertThat(finding.ruleId()).isEqualTo(CORRELATION_ID);
    assertThat(finding.count()).isEqualTo(45);
    assertThat(finding.evidence())
        .hasSize(CorrelationLimits.DEFAULTS.maxEvidencePerFiring())
        .hasSizeLessThanOrEqualTo(FindingAggregator.MAX_EVIDENCE);
    assertThat(finding.explanation()).contains("event_count 45 >= 10").contains("(45 matching");
  }
}
