package dev.skywarden.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.sigma.CompiledRule;
import dev.skywarden.core.sigma.SigmaParseResult;
import dev.skywarden.core.sigma.SigmaRuleSet;
import dev.skywarden.core.sigma.correlation.CorrelationSet;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the {@code match} and {@code nomatch} records of every built-in rule through the real
 * pipeline (normaliser, Sigma detector over the whole pack), one dynamic test per record.
 */
class BuiltinRuleTestsTest {

  private static SigmaRuleSet pack;
  private static CorrelationSet correlations;
  private static RuleTestRunner runner;
  private static Path rulesRoot;
  private static List<RuleTestFile> testFiles;

  @BeforeAll
  static void loadPack() throws IOException, URISyntaxException {
    SigmaParseResult parsed = BuiltinRules.loadPack();
    pack = SigmaRuleSet.compile(parsed.rules());
    correlations = BuiltinRules.resolveCorrelations(parsed, parsed.rules());
    runner = new RuleTestRunner(pack, correlations);

    // The test classes have a package folder of the same name, so find the pack through its README.
    URL readme = BuiltinRules.class.getResource(BuiltinRules.RESOURCE_ROOT + "/README.md");
    assertThat(readme).as("README of the pack on the class path").isNotNull();
    rulesRoot = Path.of(readme.toURI()).getParent();
    testFiles = new ArrayList<>();
    for (Path file : RuleTestRunner.findTestFiles(rulesRoot)) {
      testFiles.add(RuleTestFile.read(file));
    }
  }

  @TestFactory
  Stream<DynamicTest> eachTestRecord_firesOnlyWhenExpected() {
    return testFiles.stream()
        .flatMap(file -> file.cases().stream())
        .map(
            testCase ->
                DynamicTest.dynamicTest(
                    testCase.name(),
                    () -> {
                      RuleTestResult result = runner.run(testCase);
                      assertThat(result.passed()).as(result.message()).isTrue();
                    }));
  }

  @Test
  void pack_holdsResolvedCorrelations() {
    assertThat(correlations.errors()).isEmpty();
    assertThat(correlations.correlations())
        .extracting(correlation -> correlation.key())
        .contains("6507e45c-23c0-40c3-9b42-917b5c35d9f7");
  }

  @Test
  void everyRule_hasMatchAndNomatchRecords() {
    Set<String> packIds =
        pack.rules().stream()
            .map(CompiledRule::rule)
            .map(rule -> rule.id())
            .collect(Collectors.toCollection(TreeSet::new));
    correlations.correlations().forEach(correlation -> packIds.add(correlation.key()));
    Set<String> withMatch = idsWith(RuleTestCase.Expectation.MATCH);
    Set<String> withNomatch = idsWith(RuleTestCase.Expectation.NOMATCH);

    assertThat(testFiles).hasSameSizeAs(packIds);
    assertThat(withMatch).as("rules with match records").isEqualTo(packIds);
    assertThat(withNomatch).as("rules with nomatch records").isEqualTo(packIds);
  }

  @Test
  void caseNames_followFileAndPosition() {
    List<String> names =
        testFiles.stream()
            .filter(file -> file.file().equals("aws_ssm_send_command.tests.yml"))
            .flatMap(file -> file.cases().stream())
            .map(RuleTestCase::name)
            .collect(Collectors.toList());

    assertThat(names)
        .contains(
            "aws_ssm_send_command.tests.yml match #1", "aws_ssm_send_command.tests.yml nomatch #1");
  }

  private static Set<String> idsWith(RuleTestCase.Expectation expectation) {
    return testFiles.stream()
        .flatMap(file -> file.cases().stream())
        .filter(testCase -> testCase.expectation() == expectation)
        .map(RuleTestCase::ruleId)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
