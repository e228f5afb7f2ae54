package dev.skywarden.core.sigma;

import static dev.skywarden.core.sigma.SigmaTestSupport.parseError;
import static dev.skywarden.core.sigma.SigmaTestSupport.ruleYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skywarden.core.sigma.detection.Linking;
import dev.skywarden.core.sigma.detection.SigmaDetection;
import dev.skywarden.core.sigma.detection.SigmaDetectionItem;
import dev.skywarden.core.sigma.value.SigmaNull;
import dev.skywarden.core.sigma.value.SigmaNumber;
import dev.skywarden.core.sigma.value.SigmaString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule file parsing: metadata, detection shapes, errors with locations, collect-errors mode. */
class SigmaRuleParserTest {

  private static final String FULL_RULE =
      """
      title: SSM command sent with a scripting client
      id: 5b0c1f77-7a5e-4a0e-9e0f-2d7f2c1d9a10
      status: experimental
      description: Finds SendCommand calls.
      author: Skywarden tests
      date: 2024-05-01
      modified: 2024/06/02
      references:
          - https://example.invalid/ssm
      tags:
          - attack.execution
          - attack.t1059.009
          - attack.T1651
          - attack.g0016
          - cve.2024-0001
      logsource:
          product: aws
          service: cloudtrail
      detection:
          selection:
              eventSource: ssm.amazonaws.com
              eventName: SendCommand
          condition: selection
      falsepositives: Administrators
      fields:
          - userIdentity.arn
      level: high
      custom_attribute: ignored
      """;

  private final SigmaRuleParser parser = new SigmaRuleParser();

  @Test
  void parse_readsMetadata() {
    SigmaRule rule = parser.parse("ssm.yml", FULL_RULE).get(0);

    assertThat(rule.title()).isEqualTo("SSM command sent with a scripting client");
    assertThat(rule.id()).isEqualTo("5b0c1f77-7a5e-4a0e-9e0f-2d7f2c1d9a10");
    assertThat(rule.status()).isEqualTo("experimental");
    assertThat(rule.description()).isEqualTo("Finds SendCommand calls.");
    assertThat(rule.author()).isEqualTo("Skywarden tests");
    assertThat(rule.date()).isEqualTo(LocalDate.of(2024, 5, 1));
    assertThat(rule.modified()).isEqualTo(LocalDate.of(2024, 6, 2));
    assertThat(rule.references()).containsExactly("https://example.invalid/ssm");
    assertThat(rule.logSource()).isEqualTo(new LogSource(null, "aws", "cloudtrail"));
    assertThat(rule.falsePositives()).containsExactly("Administrators");
    assertThat(rule.fields()).containsExactly("userIdentity.arn");
    assertThat(rule.level()).isEqualTo(SigmaLevel.HIGH);
    assertThat(rule.sourceFile()).isEqualTo("ssm.yml");
    assertThat(rule.location().line()).isEqualTo(1);
  }

  @Test
  void tags_giveTechniquesAndTactics() {
    SigmaRule rule = parser.parse("ssm.yml", FULL_RULE).get(0);

    assertThat(rule.attackTechniques()).containsExactly("T1059.009", "T1651");
    assertThat(rule.attackTactics()).containsExactly("execution");
  }

  @Test
  void level_parsesCaseInsensitively() {
    assertThat(SigmaLevel.parse("Critical")).contains(SigmaLevel.CRITICAL);
    assertThat(SigmaLevel.parse("severe")).isEmpty();
  }

  @Test
  void detection_keepsStructureAndTypes() {
    SigmaRule rule =
        parser
            .parse(
                "t.yml",
                ruleYaml(
                    "sel:\n    code:\n        - 403\n        - '404'\n    err: null\ncondition: sel"))
            .get(0);

    SigmaDetection sel = rule.detection().searchIdentifiers().get("sel");
    assertThat(sel.linking()).isEqualTo(Linking.AND);
    SigmaDetectionItem code = (SigmaDetectionItem) sel.elements().get(0);
    assertThat(code.field()).isEqualTo("code");
    assertThat(code.valueLinking()).isEqualTo(Linking.OR);
    assertThat(code.values().get(0)).isInstanceOf(SigmaNumber.class);
    assertThat(code.values().get(1)).isEqualTo(SigmaString.parse("404"));
    SigmaDetectionItem err = (SigmaDetectionItem) sel.elements().get(1);
    assertThat(err.values()).containsExactly(SigmaNull.INSTANCE);
    assertThat(rule.detection().conditions().get(0).expression()).hasToString("sel");
  }

  @Test
  void multipleDocuments_giveSeveralRules() {
    String yaml = ruleYaml("sel:\n    a: b\ncondition: sel") + "---\n" + FULL_RULE;

    assertThat(parser.parse("two.yml", yaml)).hasSize(2);
  }

  @Test
  void missingTitle_isRejected() {
    SigmaRuleException error =
        parseError(ruleYaml("sel:\n    a: b\ncondition: sel").replace("title: Test rule\n", ""));

    assertThat(error).isInstanceOf(SigmaMetadataException.class);
    assertThat(error.reason()).isEqualTo("rule has no title");
    assertThat(error.line()).isEqualTo(1);
  }

  @Test
  void missingDetection_isRejected() {
    SigmaRuleException error = parseError("title: t\nlogsource:\n    product: aws\n");

    assertThat(error).isInstanceOf(SigmaDetectionException.class);
    assertThat(error.reason()).contains("has no detection");
  }

  @Test
  void missingCondition_isRejectedAtDetection() {
    SigmaRuleException error = parseError(ruleYaml("sel:\n    a: b"));

    assertThat(error).isInstanceOf(SigmaConditionException.class);
    assertThat(error.reason()).isEqualTo("detection has no condition");
    assertThat(error.line()).isEqualTo(8);
    assertThat(error.column()).isEqualTo(5);
  }

  @Test
  void unknownIdentifier_isRejectedAtItsColumn() {
    SigmaRuleException error =
        parseError(ruleYaml("sel:\n    a: b\ncondition: sel and not filter"));

    assertThat(error).isInstanceOf(SigmaConditionException.class);
    assertThat(error.line()).isEqualTo(10);
    assertThat(error.column()).isEqualTo(28);
    assertThat(error.getMessage()).startsWith("broken.yml:10:28: ");
  }

  @Test
  void quotedCondition_pointsInsideQuotes() {
    SigmaRuleException error = parseError(ruleYaml("sel:\n    a: b\ncondition: 'sel or x'"));

    assertThat(error.column()).isEqualTo(24);
  }

  @Test
  void badLevel_isRejected() {
    SigmaRuleException error =
        parseError(
            ruleYaml("sel:\n    a: b\ncondition: sel").replace("level: high", "level: severe"));

    assertThat(error).isInstanceOf(SigmaMetadataException.class);
    assertThat(error.reason()).contains("invalid level 'severe'");
    assertThat(error.line()).isEqualTo(11);
    assertThat(error.column()).isEqualTo(8);
  }

  @Test
  void nullInValueList_isRejected() {
    SigmaRuleException error =
        parseError(ruleYaml("sel:\n    a:\n        - ''\n        - null\ncondition: sel"));

    assertThat(error).isInstanceOf(SigmaDetectionException.class);
    assertThat(error.reason()).contains("null in a value list");
  }

  @Test
  void nestedMapValue_isRejected() {
    SigmaRuleException error = parseError(ruleYaml("sel:\n    a:\n        b: c\ncondition: sel"));

    assertThat(error).isInstanceOf(SigmaDetectionException.class);
    assertThat(error.reason()).contains("not a mapping");
  }

  @Test
  void invalidYaml_isSyntaxErrorWithLine() {
    SigmaRuleException error = parseError("title: t\ndetection: [unclosed\n");

    assertThat(error).isInstanceOf(SigmaSyntaxException.class);
    assertThat(error.line()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void correlation_withoutTimespanIsRejected() {
    String yaml = "title: c\ncorrelation:\n    type: event_count\n    rules: [a]\n";

    SigmaRuleException error = parseError(yaml);

    assertThat(error).isInstanceOf(SigmaCorrelationException.class);
    assertThat(error.reason()).isEqualTo("correlation has no timespan");
    assertThat(error.line()).isEqualTo(3);
  }

  @Test
  void filter_withoutConditionIsRejected() {
    String yaml = "title: f\nlogsource:\n    product: aws\nfilter:\n    rules: [a]\n";

    SigmaRuleException error = parseError(yaml);

    assertThat(error).isInstanceOf(SigmaConditionException.class);
    assertThat(error.line()).isEqualTo(5);
  }

  @Test
  void parse_throwsFirstError() {
    assertThatThrownBy(() -> parser.parse("x.yml", "title: t\n"))
        .isInstanceOf(SigmaRuleException.class)
        .hasMessageStartingWith("x.yml:1:1: ");
  }

  @Test
  void parseAll_collectsErrorsKeepsRules() {
    String yaml =
        ruleYaml("sel:\n    a: b\ncondition: sel")
            + "---\n"
            + ruleYaml("sel:\n    a|bogus: b\ncondition: sel")
            + "---\n"
            + FULL_RULE;

    SigmaParseResult result = parser.parseAll("mixed.yml", yaml);

    assertThat(result.rules()).hasSize(2);
    assertThat(result.errors()).hasSize(1);
    assertThat(result.errors().get(0).line()).isEqualTo(21);
    assertThat(result.summary()).isEqualTo("loaded 2 rules (1 not loaded)");
  }

  @Test
  void parseAll_readsDirectory(@TempDir Path directory) throws IOException {
    Files.writeString(directory.resolve("good.yml"), FULL_RULE);
    Files.writeString(directory.resolve("bad.yaml"), "title: only\n");
    Files.writeString(directory.resolve("notes.txt"), "not a rule");

    SigmaParseResult result = parser.parseAll(directory);

    assertThat(result.rules())
        .extracting(SigmaRule::title)
        .containsExactly("SSM command sent with a scripting client");
    assertThat(result.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.file()).endsWith("bad.yaml"));
  }

  @Test
  void parseAll_skipsTestEventFiles(@TempDir Path directory) throws IOException {
    Files.writeString(directory.resolve("ssm.yml"), FULL_RULE);
    Files.writeString(
        directory.resolve("ssm.tests.yml"),
        "rule: 5b0c1f77-7a5e-4a0e-9e0f-2d7f2c1d9a10\nmatch:\n  - {eventName: SendCommand}\n");

    SigmaParseResult result = parser.parseAll(directory);

    assertThat(result.errors()).isEmpty();
    assertThat(result.rules()).singleElement().satisfies(r -> assertThat(r.title()).isNotNull());
  }

  @Test
  void parseAll_reportsFileThatIsNotUtf8(@TempDir Path directory) throws IOException {
    Files.writeString(directory.resolve("good.yml"), FULL_RULE);
    byte[] latin1 =
        "title: Caf\u00e9\nlogsource:\n  product: aws\n".getBytes(StandardCharsets.ISO_8859_1);
    Path bad = Files.write(directory.resolve("latin1.yml"), latin1);

    SigmaParseResult result = parser.parseAll(directory);

    assertThat(result.rules()).hasSize(1);
    assertThat(result.errors()).hasSize(1);
    assertThat(result.errors().get(0)).isInstanceOf(SigmaSyntaxException.class);
    assertThat(result.errors().get(0).getMessage())
        .isEqualTo(bad + ":1:11: file is not UTF-8 text: invalid byte 0xe9");
  }

  @Test
  void invalidStatus_listsStatusesInSpecOrder() {
    String yaml =
        ruleYaml("sel:\n    a: b\ncondition: sel").replace("status: test", "status: done");

    assertThatThrownBy(() -> parser.parse("status.yml", yaml))
        .isInstanceOf(SigmaMetadataException.class)
        .hasMessage(
            "status.yml:3:9: invalid status 'done'; expected one of"
                + " [stable, test, experimental, deprecated, unsupported]");
  }

  @Test
  void parseAll_reportsNulByteAsNotText(@TempDir Path directory) throws IOException {
    Path bad = Files.write(directory.resolve("binary.yml"), new byte[] {'t', '\n', 'x', 0, 'y'});

    SigmaParseResult result = parser.parseAll(directory);

    assertThat(result.errors()).hasSize(1);
    assertThat(result.errors().get(0).getMessage())
        .isEqualTo(bad + ":2:2: file is not UTF-8 text: invalid byte 0x00");
  }

  @Test
  void isRuleFile_acceptsRulesOnly() {
    assertThat(SigmaRuleParser.isRuleFile("rule.yml")).isTrue();
    assertThat(SigmaRuleParser.isRuleFile("RULE.YAML")).isTrue();
    assertThat(SigmaRuleParser.isRuleFile("rule.tests.yml")).isFalse();
    assertThat(SigmaRuleParser.isRuleFile("rule.Tests.YML")).isFalse();
    assertThat(SigmaRuleParser.isRuleFile("rule.json")).isFalse();
  }
}
