package dev.skywarden.cli;

import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the rule options of {@code skywarden hunt}: {@code --rules}, {@code --no-builtin}, {@code
 * --placeholders}, {@code --field-mapping} and {@code --strict} with rules that fail to load.
 */
class HuntRulesTest {

  private static final String NL = System.lineSeparator();

  @TempDir Path temp;

  private Path logs;
  private Path rules;

  @BeforeEach
  void writeLogs() throws IOException {
    logs = RuleFiles.write(temp.resolve("logs/trail.jsonl"), RuleFiles.KALI_EVENT + "\n");
    rules = temp.resolve("rules");
  }

  @Test
  void userRule_firesNextToBuiltinPack() throws IOException {
    RuleFiles.write(rules.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS);

    Cli.Result result =
        Cli.run("hunt", "--rules", rules.toString(), "--format", "jsonl", logs.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly
              .assertThat(result.out())
              .as("findings")
              .contains("\"rule_id\":\"" + RuleFiles.KALI_RULE_ID + "\"");
          softly
              .assertThat(result.err())
              .as("standard error")
              .matches(
                  "skywarden: loaded [1-9][0-9]+ rules and [1-9][0-9]* correlations?"
                      + NL
                      + "skywarden: 1 file, 1 record, 1 event, 0 skipped"
                      + NL);
        });
  }

  @Test
  void invalidRule_reportedAndHuntContinues() throws IOException {
    RuleFiles.write(rules.resolve("a_kali.yml"), RuleFiles.KALI_LIST_BUCKETS);
    Path broken = RuleFiles.write(rules.resolve("b_broken.yml"), RuleFiles.UNKNOWN_MODIFIER);

    Cli.Result result =
        Cli.run(
            "hunt",
            "--no-builtin",
            "--rules",
            rules.toString(),
            "--format",
            "jsonl",
            logs.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly.assertThat(result.out().lines()).as("findings").hasSize(1);
          softly
              .assertThat(result.err().lines())
              .as("standard error")
              .hasSize(3)
              .satisfiesExactly(
                  line ->
                      softly
                          .assertThat(line)
                          .startsWith("skywarden: " + broken + ":8:15: unknown modifier 'contain'"),
                  line ->
                      softly.assertThat(line).isEqualTo("skywarden: loaded 1 rule (1 not loaded)"),
                  line ->
                      softly
                          .assertThat(line)
                          .isEqualTo("skywarden: 1 file, 1 record, 1 event, 0 skipped"));
        });
  }

  @Test
  void manyInvalidRules_boundedUnlessVerbose() throws IOException {
    for (int i = 1; i <= 7; i++) {
      RuleFiles.write(rules.resolve("broken" + i + ".yml"), RuleFiles.UNKNOWN_MODIFIER);
    }
    RuleFiles.write(rules.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS);
    String[] args = {
      "hunt", "--no-builtin", "--rules", rules.toString(), "-f", "jsonl", logs.toString()
    };

    Cli.Result quietly = Cli.run(args);
    Cli.Result verbosely = Cli.run(concat(args, "-v"));

    assertSoftly(
        softly -> {
          softly.assertThat(quietly.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly
              .assertThat(quietly.err().lines().filter(line -> line.contains("unknown modifier")))
              .as("errors shown")
              .hasSize(RuleOptions.ERRORS_SHOWN);
          softly
              .assertThat(quietly.err())
              .as("summary")
              .contains("skywarden: loaded 1 rule (7 not loaded: see --verbose)" + NL);
          softly
              .assertThat(verbosely.err().lines().filter(line -> line.contains("unknown modifier")))
              .as("errors shown with -v")
              .hasSize(7);
          softly
              .assertThat(verbosely.err())
              .as("summary with -v")
              .contains("skywarden: loaded 1 rule (7 not loaded)" + NL);
        });
  }

  @Test
  void strictWithInvalidRule_exit2BeforeHunt() throws IOException {
    RuleFiles.write(rules.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS);
    Path broken = RuleFiles.write(rules.resolve("broken.yml"), RuleFiles.UNKNOWN_MODIFIER);

    Cli.Result result =
        Cli.run("hunt", "--strict", "--rules", rules.toString(), "-f", "jsonl", logs.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.USAGE_ERROR);
          softly.assertThat(result.out()).as("standard output").isEmpty();
          softly
              .assertThat(result.err())
              .as("standard error")
              .startsWith("skywarden: " + broken + ":8:15: unknown modifier 'contain'")
              .endsWith(
                  NL + "skywarden: --strict: 1 rule not loaded; fix it or leave out --strict" + NL);
        });
  }

  @Test
  void filterOfMissingRule_warningOnly() throws IOException {
    RuleFiles.write(rules.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS);
    Path filter = RuleFiles.write(rules.resolve("filter.yml"), RuleFiles.FILTER_OF_MISSING_RULE);

    Cli.Result result =
        Cli.run(
            "hunt",
            "--strict",
            "--no-builtin",
            "--rules",
            rules.toString(),
            "-f",
            "jsonl",
            logs.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly.assertThat(result.out().lines()).as("findings").hasSize(1);
          softly
              .assertThat(result.err())
              .as("standard error")
              .startsWith(
                  "skywarden: warning: "
                      + filter
                      + ":7:7: filter 'Filter Of Missing Rule' names rule"
                      + " '0f5e2d4c-1111-4a2b-9c3d-00000000dead', which is not loaded"
                      + NL
                      + "skywarden: loaded 1 rule and 1 filter"
                      + NL);
        });
  }

  @Test
  void placeholders_resolveExpand() throws IOException {
    RuleFiles.write(rules.resolve("expand.yml"), RuleFiles.EXPANDS_CI_USERS);
    Path placeholders =
        RuleFiles.write(temp.resolve("placeholders.yml"), RuleFiles.CI_USERS_PLACEHOLDERS);

    Cli.Result result =
        Cli.run(
            "hunt",
            "--no-builtin",
            "--rules",
            rules.toString(),
            "--placeholders",
            placeholders.toString(),
            "-f",
            "jsonl",
            logs.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly
              .assertThat(result.out())
              .as("findings")
              .contains("\"rule_id\":\"0f5e2d4c-1111-4a2b-9c3d-000000000003\"");
          softly
              .assertThat(result.err())
              .as("standard error")
              .startsWith("skywarden: loaded 1 rule" + NL);
        });
  }

  @Test
  void fieldMapping_mapsRuleField() throws IOException {
    RuleFiles.write(rules.resolve("mapped.yml"), RuleFiles.MAPPED_FIELD);
    Path mapping = RuleFiles.write(temp.resolve("mapping.yml"), RuleFiles.CI_USER_MAPPING);
    String[] args = {
      "hunt", "--no-builtin", "--rules", rules.toString(), "-f", "jsonl", logs.toString()
    };

    Cli.Result unmapped = Cli.run(args);
    Cli.Result mapped = Cli.run(concat(args, "--field-mapping", mapping.toString()));

    assertSoftly(
        softly -> {
          softly.assertThat(unmapped.exitCode()).as("exit code unmapped").isEqualTo(ExitCodes.OK);
          softly.assertThat(unmapped.out()).as("findings unmapped").isEmpty();
          softly.assertThat(mapped.exitCode()).as("exit code mapped").isEqualTo(ExitCodes.OK);
          softly
              .assertThat(mapped.out())
              .as("findings mapped")
              .contains("\"rule_id\":\"0f5e2d4c-1111-4a2b-9c3d-000000000004\"");
        });
  }

  @Test
  void noBuiltinWithoutRules_usageError() {
    Cli.Result result = Cli.run("hunt", "--no-builtin", logs.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.USAGE_ERROR);
          softly.assertThat(result.out()).as("standard output").isEmpty();
          softly
              .assertThat(result.err())
              .as("standard error")
              .startsWith(
                  "skywarden: error: --no-builtin leaves no rule: give --rules PATH as well" + NL);
        });
  }

  @Test
  void rulesPathNotFound_usageError() {
    String missing = temp.resolve("no-such-rules").toString();

    Cli.Result result = Cli.run("hunt", "--rules", missing, logs.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.USAGE_ERROR);
          softly.assertThat(result.out()).as("standard output").isEmpty();
          softly
              .assertThat(result.err())
              .as("standard error")
              .startsWith("skywarden: error: --rules: path not found: " + missing + NL);
        });
  }

  @Test
  void placeholdersFileNotFound_usageError() {
    String missing = temp.resolve("no-such.yml").toString();

    Cli.Result result = Cli.run("hunt", "--placeholders", missing, logs.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.USAGE_ERROR);
          softly
              .assertThat(result.err())
              .as("standard error")
              .startsWith("skywarden: error: --placeholders: file not found: " + missing + NL);
        });
  }

  private static String[] concat(String[] args, String... more) {
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
