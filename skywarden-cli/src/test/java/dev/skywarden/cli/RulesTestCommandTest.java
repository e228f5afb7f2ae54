package dev.skywarden.cli;

import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks {@code skywarden rules test}: failing-case lines, the summary and the exit code. */
class RulesTestCommandTest {

  private static final String NL = System.lineSeparator();

  @TempDir Path temp;

  @Test
  void passingCases_summaryAndExit0() throws IOException {
    Path rules = temp.resolve("rules");
    RuleFiles.write(rules.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS);
    RuleFiles.write(
        rules.resolve("kali.tests.yml"),
        RuleFiles.kaliTests(RuleFiles.KALI_EVENT, RuleFiles.MACOS_EVENT));

    Cli.Result result = Cli.run("rules", "test", rules.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly
              .assertThat(result.out())
              .as("standard output")
              .isEqualTo("2 passed, 0 failed" + NL);
          softly.assertThat(result.err()).as("standard error").isEmpty();
        });
  }

  @Test
  void wrongExpectation_failsWithRecordLine() throws IOException {
    Path rules = temp.resolve("rules");
    RuleFiles.write(rules.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS);
    // Swapped: the macOS record cannot fire the rule and the Kali record does fire it.
    Path tests =
        RuleFiles.write(
            rules.resolve("kali.tests.yml"),
            RuleFiles.kaliTests(RuleFiles.MACOS_EVENT, RuleFiles.KALI_EVENT));

    Cli.Result result = Cli.run("rules", "test", "--no-builtin", rules.toString());

    String id = RuleFiles.KALI_RULE_ID;
    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.RULES_FAILED);
          softly
              .assertThat(result.out())
              .as("standard output")
              .isEqualTo(
                  "FAIL "
                      + tests
                      + " match #1 (line 3): rule "
                      + id
                      + " did not fire; rules that fired: []"
                      + NL
                      + "FAIL "
                      + tests
                      + " nomatch #1 (line 5): rule "
                      + id
                      + " fired; rules that fired: ["
                      + id
                      + "]"
                      + NL
                      + "0 passed, 2 failed"
                      + NL);
          softly.assertThat(result.err()).as("standard error").isEmpty();
        });
  }

  @Test
  void verbose_printsPassedCases() throws IOException {
    Path rule = RuleFiles.write(temp.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS);
    Path tests =
        RuleFiles.write(
            temp.resolve("kali.tests.yml"),
            RuleFiles.kaliTests(RuleFiles.KALI_EVENT, RuleFiles.MACOS_EVENT));

    // A rule file as PATH finds the test file beside it.
    Cli.Result result = Cli.run("rules", "test", "-v", "--no-builtin", rule.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly
              .assertThat(result.out())
              .as("standard output")
              .isEqualTo(
                  "PASS "
                      + tests
                      + " match #1"
                      + NL
                      + "PASS "
                      + tests
                      + " nomatch #1"
                      + NL
                      + "2 passed, 0 failed"
                      + NL);
        });
  }

  @Test
  void ruleNotLoaded_countsAsFailure() throws IOException {
    Path rules = temp.resolve("rules");
    Path broken = RuleFiles.write(rules.resolve("broken.yml"), RuleFiles.UNKNOWN_MODIFIER);

    Cli.Result result = Cli.run("rules", "test", "--no-builtin", rules.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.RULES_FAILED);
          softly
              .assertThat(result.out())
              .as("standard output")
              .startsWith("FAIL " + broken + ":8:15: unknown modifier 'contain'")
              .endsWith(NL + "0 passed, 1 failed" + NL);
          softly.assertThat(result.err()).as("standard error").isEmpty();
        });
  }

  @Test
  void invalidTestFile_countsAsFailure() throws IOException {
    Path rules = temp.resolve("rules");
    RuleFiles.write(rules.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS);
    Path tests = RuleFiles.write(rules.resolve("kali.tests.yml"), "rule: x\nexpect: []\n");

    Cli.Result result = Cli.run("rules", "test", "--no-builtin", rules.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.RULES_FAILED);
          softly
              .assertThat(result.out())
              .as("standard output")
              .isEqualTo(
                  "FAIL "
                      + tests
                      + ":2: unknown key 'expect'; expected rule, match or nomatch"
                      + NL
                      + "0 passed, 1 failed"
                      + NL);
          softly
              .assertThat(result.err())
              .as("standard error")
              .isEqualTo(
                  "skywarden: note: no test file names rule "
                      + RuleFiles.KALI_RULE_ID
                      + " ("
                      + rules.resolve("kali.yml")
                      + ":1:1)"
                      + NL);
        });
  }

  @Test
  void testFileNotUtf8_countsAsFailure() throws IOException {
    Path rules = temp.resolve("rules");
    RuleFiles.write(rules.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS);
    Path tests = rules.resolve("kali.tests.yml");
    Files.write(tests, new byte[] {'r', 'u', 'l', 'e', ':', ' ', (byte) 0xff, '\n'});

    Cli.Result result = Cli.run("rules", "test", "--no-builtin", rules.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.RULES_FAILED);
          softly
              .assertThat(result.out())
              .as("standard output")
              .isEqualTo(
                  "FAIL " + tests + ": file is not UTF-8 text" + NL + "0 passed, 1 failed" + NL);
        });
  }

  @Test
  void noPath_testsBuiltinPack() {
    Cli.Result result = Cli.run("rules", "test");

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly
              .assertThat(result.out())
              .as("standard output")
              .matches("[1-9][0-9]+ passed, 0 failed" + NL);
          softly.assertThat(result.err()).as("standard error").isEmpty();
        });
  }

  @Test
  void noBuiltinWithoutPath_usageError() {
    Cli.Result result = Cli.run("rules", "test", "--no-builtin");

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.USAGE_ERROR);
          softly.assertThat(result.out()).as("standard output").isEmpty();
          softly
              .assertThat(result.err())
              .as("standard error")
              .startsWith(
                  "skywarden: error: --no-builtin leaves no rule to test: give a PATH as well"
                      + NL);
        });
  }

  @Test
  void testFilePath_loadsRuleBesideIt() throws IOException {
    Path rules = temp.resolve("rules");
    RuleFiles.write(rules.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS);
    Path tests =
        RuleFiles.write(
            rules.resolve("kali.tests.yml"),
            RuleFiles.kaliTests(RuleFiles.KALI_EVENT, RuleFiles.MACOS_EVENT));

    Cli.Result result = Cli.run("rules", "test", "--no-builtin", tests.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly
              .assertThat(result.out())
              .as("standard output")
              .isEqualTo("2 passed, 0 failed" + NL);
          softly.assertThat(result.err()).as("standard error").isEmpty();
        });
  }

  @Test
  void correlationSequences_runThroughOneHunt() throws IOException {
    Path rules = temp.resolve("rules");
    RuleFiles.write(rules.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS);
    RuleFiles.write(rules.resolve("burst.yml"), RuleFiles.KALI_BURST);
    // One sequence of two listings must fire; one listing and a listing from macOS must not.
    Path tests =
        RuleFiles.write(
            rules.resolve("burst.tests.yml"),
            "rule: "
                + RuleFiles.KALI_BURST_ID
                + "\nmatch:\n  -\n    - "
                + RuleFiles.KALI_EVENT
                + "\n    - "
                + RuleFiles.KALI_EVENT
                + "\nnomatch:\n  -\n    - "
                + RuleFiles.KALI_EVENT
                + "\n    - "
                + RuleFiles.MACOS_EVENT
                + "\n  -\n    - "
                + RuleFiles.KALI_EVENT
                + "\n    - "
                + RuleFiles.KALI_EVENT
                + "\n");

    Cli.Result result = Cli.run("rules", "test", "--no-builtin", rules.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.RULES_FAILED);
          softly
              .assertThat(result.out())
              .as("standard output")
              .isEqualTo(
                  "FAIL "
                      + tests
                      + " nomatch #2 (line 11): rule "
                      + RuleFiles.KALI_BURST_ID
                      + " fired; rules that fired: ["
                      + RuleFiles.KALI_RULE_ID
                      + ", "
                      + RuleFiles.KALI_BURST_ID
                      + "]"
                      + NL
                      + "2 passed, 1 failed"
                      + NL);
          softly
              .assertThat(result.err())
              .as("standard error")
              .isEqualTo(
                  "skywarden: note: no test file names rule "
                      + RuleFiles.KALI_RULE_ID
                      + " ("
                      + rules.resolve("kali.yml")
                      + ":1:1)"
                      + NL);
        });
  }

  @Test
  void untestedCorrelation_noted() throws IOException {
    Path rules = temp.resolve("rules");
    RuleFiles.write(rules.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS);
    RuleFiles.write(
        rules.resolve("kali.tests.yml"),
        RuleFiles.kaliTests(RuleFiles.KALI_EVENT, RuleFiles.MACOS_EVENT));
    RuleFiles.write(rules.resolve("burst.yml"), RuleFiles.KALI_BURST);

    Cli.Result result = Cli.run("rules", "test", "--no-builtin", rules.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly
              .assertThat(result.err())
              .as("standard error")
              .isEqualTo(
                  "skywarden: note: no test file names correlation "
                      + RuleFiles.KALI_BURST_ID
                      + " ("
                      + rules.resolve("burst.yml")
                      + ":1:1)"
                      + NL);
        });
  }
}
