package dev.skywarden.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skywarden.core.sigma.SigmaParseResult;
import dev.skywarden.core.sigma.SigmaRuleParser;
import dev.skywarden.core.sigma.SigmaRuleSet;
import dev.skywarden.core.sigma.correlation.CorrelationSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule test runner: verdicts, messages with lines, test file errors and file discovery. */
class RuleTestRunnerTest {

  private static final String RULE_ID = "0b7d52c1-4b7e-4f0a-9d43-6a1f7c2e9b10";

  private static final String RULE =
      """
      title: Trail deleted
      id: 0b7d52c1-4b7e-4f0a-9d43-6a1f7c2e9b10
      logsource:
          product: aws
          service: cloudtrail
      detection:
          selection:
              eventSource: cloudtrail.amazonaws.com
              eventName: DeleteTrail
          condition: selection
      """;

  private static final String RECORD =
      """
          eventVersion: '1.09'
          userIdentity: {type: IAMUser, arn: 'arn:aws:iam::111122223333:user/ops',
                         accountId: '111122223333', userName: ops}
          eventTime: '2026-03-01T10:00:00Z'
          eventSource: cloudtrail.amazonaws.com
          awsRegion: us-east-1
          sourceIPAddress: 192.0.2.10
          userAgent: aws-cli/2.17.20
          eventID: 5f2c9d61-8a3b-4c7e-9f10-2b4d6e8a0c12
          eventType: AwsApiCall
          recipientAccountId: '111122223333'
      """;

  private final RuleTestRunner runner =
      new RuleTestRunner(SigmaRuleSet.compile(new SigmaRuleParser().parse("trail.yml", RULE)));

  @Test
  void run_passesExpectedVerdicts() {
    RuleTestFile file =
        RuleTestFile.parse(
            "trail.tests.yml",
            "rule: "
                + RULE_ID
                + "\nmatch:\n  - eventName: DeleteTrail\n"
                + RECORD
                + "nomatch:\n  - eventName: DescribeTrails\n"
                + RECORD);

    List<RuleTestResult> results = runner.run(file);

    assertThat(results)
        .extracting(RuleTestResult::name)
        .containsExactly("trail.tests.yml match #1", "trail.tests.yml nomatch #1");
    assertThat(results).allMatch(RuleTestResult::passed);
    assertThat(results.get(0).firedRuleIds()).containsExactly(RULE_ID);
    assertThat(results.get(1).firedRuleIds()).isEmpty();
    assertThat(results.get(0).message()).isEmpty();
  }

  @Test
  void run_failsWrongVerdictsWithLine() {
    RuleTestFile file =
        RuleTestFile.parse(
            "trail.tests.yml",
            "rule: "
                + RULE_ID
                + "\nmatch:\n  - eventName: DescribeTrails\n"
                + RECORD
                + "nomatch:\n  - eventName: DeleteTrail\n"
                + RECORD);

    List<RuleTestResult> results = runner.run(file);

    assertThat(results).noneMatch(RuleTestResult::passed);
    assertThat(results.get(0).message())
        .isEqualTo(
            "trail.tests.yml match #1 (line 3): rule "
                + RULE_ID
                + " did not fire;"
                + " rules that fired: []");
    assertThat(results.get(1).message())
        .startsWith("trail.tests.yml nomatch #1 (line 16): rule " + RULE_ID + " fired");
  }

  @Test
  void run_testsCorrelationReferencedWithoutGenerate() {
    String chain =
        RULE
            + """
            ---
            title: Two trails deleted
            id: c1a9e3d0-0000-4000-8000-000000000001
            name: two_deletes
            correlation:
                type: event_count
                rules: [%s]
                group-by: [userIdentity.arn]
                timespan: 5m
                condition: {gte: 2}
            ---
            title: Repeated trail deletions
            id: c1a9e3d0-0000-4000-8000-000000000002
            correlation:
                type: event_count
                rules: [two_deletes]
                group-by: [userIdentity.arn]
                timespan: 1h
                condition: {gte: 1}
            """
                .formatted(RULE_ID);
    SigmaParseResult parsed = new SigmaRuleParser().parseAll("chain.yml", chain);
    SigmaRuleSet rules = SigmaRuleSet.compile(parsed.rules());
    CorrelationSet correlations = CorrelationSet.resolve(parsed.rules(), parsed.correlations());
    RuleTestRunner chainRunner = new RuleTestRunner(rules, correlations);
    String sequence =
        "\n  -\n    - eventName: DeleteTrail\n"
            + RECORD.indent(2)
            + "    - eventName: DeleteTrail\n"
            + RECORD.indent(2);

    List<RuleTestResult> inner =
        chainRunner.run(
            RuleTestFile.parse(
                "inner.tests.yml",
                "rule: c1a9e3d0-0000-4000-8000-000000000001\nmatch:" + sequence));
    List<RuleTestResult> rule =
        chainRunner.run(
            RuleTestFile.parse("rule.tests.yml", "rule: " + RULE_ID + "\nmatch:" + sequence));

    assertThat(inner.get(0).message()).isEmpty();
    assertThat(inner.get(0).passed()).isTrue();
    assertThat(rule.get(0).message()).isEmpty();
    assertThat(rule.get(0).passed()).isTrue();
  }

  @Test
  void run_failsSkippedRecord() {
    RuleTestFile file =
        RuleTestFile.parse(
            "trail.tests.yml",
            "rule: " + RULE_ID + "\nnomatch:\n  - {eventSource: cloudtrail.amazonaws.com}\n");

    RuleTestResult result = runner.run(file).get(0);

    assertThat(result.passed()).isFalse();
    assertThat(result.message()).contains("nomatch #1 (line 3): record skipped by the normaliser");
  }

  @Test
  void run_failsUnknownRule() {
    RuleTestFile file =
        RuleTestFile.parse("other.tests.yml", "rule: no-such-rule\nmatch:\n  - {a: b}\n");

    RuleTestResult result = runner.run(file).get(0);

    assertThat(result.passed()).isFalse();
    assertThat(result.message())
        .contains("no loaded rule or correlation has id no-such-rule; check the 'rule' key");
  }

  @Test
  void parse_typesScalarsLikeJson() {
    RuleTestFile file =
        RuleTestFile.parse(
            "t.tests.yml",
            "rule: x\nmatch:\n  - {n: 12, f: 1.5, b: false, z: null, s: '12', h: 0x1f}\n");

    String json = file.cases().get(0).record().toString();

    assertThat(json).isEqualTo("{\"n\":12,\"f\":1.5,\"b\":false,\"z\":null,\"s\":\"12\",\"h\":31}");
  }

  @Test
  void parse_rejectsBadFilesWithLine() {
    assertThatThrownBy(() -> RuleTestFile.parse("t.tests.yml", "rule: x\nmatches: []\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("t.tests.yml:2: unknown key 'matches'; expected rule, match or nomatch");
    assertThatThrownBy(() -> RuleTestFile.parse("t.tests.yml", "match:\n  - {a: b}\n"))
        .hasMessageContaining("missing 'rule'");
    assertThatThrownBy(() -> RuleTestFile.parse("t.tests.yml", "rule: x\nmatch:\n  - text\n"))
        .hasMessage(
            "t.tests.yml:3: match #1 must be a mapping (one log record) or, for a correlation"
                + " rule, a list of records");
    assertThatThrownBy(() -> RuleTestFile.parse("t.tests.yml", "rule: x\nmatch:\n  - []\n"))
        .hasMessage("t.tests.yml:3: match #1 is an empty list of records");
    assertThatThrownBy(
            () ->
                RuleTestFile.parse(
                    "t.tests.yml", "rule: x\nnomatch:\n  -\n    - {a: b}\n    - text\n"))
        .hasMessage("t.tests.yml:5: nomatch #1, record 2 must be a mapping (one log record)");
    assertThatThrownBy(() -> RuleTestFile.parse("t.tests.yml", "rule: [x\n"))
        .hasMessageStartingWith("t.tests.yml: invalid YAML");
  }

  @Test
  void findTestFiles_handlesEveryPathKind(@TempDir Path directory) throws IOException {
    Path aws = Files.createDirectories(directory.resolve("aws"));
    Path rule = Files.writeString(aws.resolve("trail.yml"), RULE);
    Path tests = Files.writeString(aws.resolve("trail.tests.yml"), "rule: " + RULE_ID);
    Path lone = Files.writeString(directory.resolve("lone.yml"), RULE);

    assertThat(RuleTestRunner.findTestFiles(directory)).containsExactly(tests);
    assertThat(RuleTestRunner.findTestFiles(rule)).containsExactly(tests);
    assertThat(RuleTestRunner.findTestFiles(tests)).containsExactly(tests);
    assertThat(RuleTestRunner.findTestFiles(lone)).isEmpty();
  }
}
