package dev.skywarden.cli;

import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks {@code skywarden rules check}: its report lines, summary and exit code together. */
class RulesCheckCommandTest {

  private static final String NL = System.lineSeparator();

  @TempDir Path temp;

  @Test
  void validRules_exit0WithSummary() throws IOException {
    Path rules = temp.resolve("rules");
    RuleFiles.write(rules.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS);
    RuleFiles.write(rules.resolve("kali.tests.yml"), "not: a rule");

    Cli.Result result = Cli.run("rules", "check", rules.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly
              .assertThat(result.out())
              .as("standard output")
              .isEqualTo("checked 1 file: 1 valid, 0 invalid, 0 warnings" + NL);
          softly.assertThat(result.err()).as("standard error").isEmpty();
        });
  }

  @Test
  void invalidRules_everyProblemWithLineAndColumn() throws IOException {
    Path rules = temp.resolve("rules");
    RuleFiles.write(rules.resolve("a_valid.yml"), RuleFiles.KALI_LIST_BUCKETS);
    Path modifier = RuleFiles.write(rules.resolve("b_modifier.yml"), RuleFiles.UNKNOWN_MODIFIER);
    Path identifier =
        RuleFiles.write(rules.resolve("c_identifier.yml"), RuleFiles.UNKNOWN_IDENTIFIER);

    Cli.Result result = Cli.run("rules", "check", rules.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.RULES_FAILED);
          softly
              .assertThat(result.out().lines())
              .as("standard output")
              .hasSize(3)
              .satisfiesExactly(
                  line ->
                      softly
                          .assertThat(line)
                          .startsWith(
                              modifier
                                  + ":8:15: unknown modifier 'contain' on field 'eventName';"
                                  + " known modifiers: all, startswith, endswith, contains,"),
                  line ->
                      softly
                          .assertThat(line)
                          .isEqualTo(
                              identifier
                                  + ":7:32: condition references unknown search identifier"
                                  + " 'filter'; defined: [selection]"),
                  line ->
                      softly
                          .assertThat(line)
                          .isEqualTo("checked 3 files: 1 valid, 2 invalid, 0 warnings"));
          softly.assertThat(result.err()).as("standard error").isEmpty();
        });
  }

  @Test
  void yamlSyntaxError_reportedWithLocation() throws IOException {
    Path broken =
        RuleFiles.write(
            temp.resolve("broken.yml"), "title: Bad YAML\nlogsource: {product: aws\ndetection:\n");

    Cli.Result result = Cli.run("rules", "check", broken.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.RULES_FAILED);
          softly
              .assertThat(result.out())
              .as("standard output")
              .isEqualTo(
                  broken
                      + ":3:10: invalid YAML: expected ',' or '}', but got :"
                      + NL
                      + "checked 1 file: 0 valid, 1 invalid, 0 warnings"
                      + NL);
          softly.assertThat(result.err()).as("standard error").isEmpty();
        });
  }

  @Test
  void correlations_countedAsValidOrInvalid() throws IOException {
    Path rules = temp.resolve("rules");
    RuleFiles.write(
        rules.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS + "---\n" + RuleFiles.KALI_BURST);
    Path dangling =
        RuleFiles.write(
            rules.resolve("z_dangling.yml"),
            RuleFiles.KALI_BURST
                .replace(
                    "0f5e2d4c-1111-4a2b-9c3d-000000000002", "0f5e2d4c-1111-4a2b-9c3d-00000000000f")
                .replace("- 0f5e2d4c-1111-4a2b-9c3d-000000000001", "- no_such_rule"));

    Cli.Result result = Cli.run("rules", "check", "--no-builtin", rules.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.RULES_FAILED);
          softly
              .assertThat(result.out())
              .as("standard output")
              .isEqualTo(
                  dangling
                      + ":9:7: rule 'no_such_rule' not found: no loaded rule or correlation has"
                      + " this id or name"
                      + NL
                      + "checked 2 files: 2 valid, 1 invalid, 0 warnings"
                      + NL);
        });
  }

  @Test
  void fileNotUtf8_reportedWithLocation() throws IOException {
    Path rules = temp.resolve("rules");
    RuleFiles.write(rules.resolve("a_valid.yml"), RuleFiles.KALI_LIST_BUCKETS);
    Path binary = rules.resolve("b_binary.yml");
    Files.write(binary, new byte[] {'t', 'i', 't', 'l', 'e', ':', ' ', (byte) 0xff, '\n'});

    Cli.Result result = Cli.run("rules", "check", rules.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.RULES_FAILED);
          softly
              .assertThat(result.out())
              .as("standard output")
              .isEqualTo(
                  binary
                      + ":1:8: file is not UTF-8 text: invalid byte 0xff"
                      + NL
                      + "checked 2 files: 1 valid, 1 invalid, 0 warnings"
                      + NL);
          softly.assertThat(result.err()).as("standard error").isEmpty();
        });
  }

  @Test
  void filterOfMissingRule_warningOnly() throws IOException {
    Path filter = RuleFiles.write(temp.resolve("filter.yml"), RuleFiles.FILTER_OF_MISSING_RULE);

    Cli.Result result = Cli.run("rules", "check", filter.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly
              .assertThat(result.out())
              .as("standard output")
              .isEqualTo(
                  filter
                      + ":7:7: warning: filter 'Filter Of Missing Rule' names rule"
                      + " '0f5e2d4c-1111-4a2b-9c3d-00000000dead', which is not loaded"
                      + NL
                      + "checked 1 file: 1 valid, 0 invalid, 1 warning"
                      + NL);
          softly.assertThat(result.err()).as("standard error").isEmpty();
        });
  }

  @Test
  void duplicateRuleId_warningNamesBothRules() throws IOException {
    Path first = RuleFiles.write(temp.resolve("a.yml"), RuleFiles.KALI_LIST_BUCKETS);
    Path second = RuleFiles.write(temp.resolve("b.yml"), RuleFiles.KALI_LIST_BUCKETS);

    Cli.Result result = Cli.run("rules", "check", first.toString(), second.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly
              .assertThat(result.out())
              .as("standard output")
              .isEqualTo(
                  second
                      + ":1:1: warning: rule id "
                      + RuleFiles.KALI_RULE_ID
                      + " is also used by 'Bucket Listing From Kali Linux' at "
                      + first
                      + ":1:1; findings of both rules share this id"
                      + NL
                      + "checked 2 files: 2 valid, 0 invalid, 1 warning"
                      + NL);
        });
  }

  @Test
  void placeholders_makeExpandRuleValid() throws IOException {
    Path rule = RuleFiles.write(temp.resolve("expand.yml"), RuleFiles.EXPANDS_CI_USERS);
    Path placeholders =
        RuleFiles.write(temp.resolve("placeholders.yml"), RuleFiles.CI_USERS_PLACEHOLDERS);

    Cli.Result without = Cli.run("rules", "check", rule.toString());
    Cli.Result with =
        Cli.run("rules", "check", "--placeholders", placeholders.toString(), rule.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(without.exitCode()).as("exit code without").isEqualTo(1);
          softly
              .assertThat(without.out())
              .as("standard output without")
              .startsWith(
                  rule + ":9:27: placeholder '%ci_users%' on field 'userIdentity.userName'");
          softly.assertThat(with.exitCode()).as("exit code with").isEqualTo(ExitCodes.OK);
          softly
              .assertThat(with.out())
              .as("standard output with")
              .isEqualTo("checked 1 file: 1 valid, 0 invalid, 0 warnings" + NL);
        });
  }

  @Test
  void invalidFieldMapping_usageErrorWithLocation() throws IOException {
    Path rule = RuleFiles.write(temp.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS);
    Path mapping = RuleFiles.write(temp.resolve("mapping.yml"), "title: x\nfields: [a, b]\n");

    Cli.Result result =
        Cli.run("rules", "check", "--field-mapping", mapping.toString(), rule.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.USAGE_ERROR);
          softly.assertThat(result.out()).as("standard output").isEmpty();
          softly
              .assertThat(result.err())
              .as("standard error")
              .startsWith("skywarden: error: invalid file: " + mapping + ":");
        });
  }

  @Test
  void pathNotFound_usageError() {
    String missing = temp.resolve("no-such-rules").toString();

    Cli.Result result = Cli.run("rules", "check", missing);

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.USAGE_ERROR);
          softly.assertThat(result.out()).as("standard output").isEmpty();
          softly
              .assertThat(result.err())
              .as("standard error")
              .startsWith("skywarden: error: path not found: " + missing + NL)
              .contains("Try 'skywarden rules check --help' for more information.");
        });
  }

  @Test
  void emptyDirectory_warning() throws IOException {
    Path empty = RuleFiles.write(temp.resolve("empty/README.md"), "no rules").getParent();

    Cli.Result result = Cli.run("rules", "check", empty.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly
              .assertThat(result.out())
              .as("standard output")
              .isEqualTo(
                  empty
                      + ": warning: no rule file (.yml, .yaml) here"
                      + NL
                      + "checked 0 files: 0 valid, 0 invalid, 1 warning"
                      + NL);
        });
  }
}
