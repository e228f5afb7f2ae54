package dev.skywarden.cli;

import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks {@code skywarden rules list} in both formats. */
class RulesListCommandTest {

  private static final String NL = System.lineSeparator();

  @TempDir Path temp;

  @Test
  void table_userRulesOnly() throws IOException {
    Path rules = temp.resolve("rules");
    RuleFiles.write(rules.resolve("a.yml"), RuleFiles.KALI_LIST_BUCKETS);
    RuleFiles.write(
        rules.resolve("b.yml"),
        RuleFiles.UNKNOWN_IDENTIFIER.replace(
            "  condition: selection and not filter", "  condition: selection"));

    Cli.Result result = Cli.run("rules", "list", "--no-builtin", rules.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly
              .assertThat(result.out())
              .as("standard output")
              .isEqualTo(
                  "ID                                    LEVEL  LOG SOURCE      ATT&CK  TITLE"
                      + NL
                      + "0f5e2d4c-1111-4a2b-9c3d-000000000001  high   aws/cloudtrail  T1619  "
                      + " Bucket Listing From Kali Linux"
                      + NL
                      + "-                                     -      aws             -      "
                      + " Unknown Identifier"
                      + NL);
          softly.assertThat(result.err()).as("standard error").isEmpty();
        });
  }

  @Test
  void jsonl_carriesTagsAndLocation() throws IOException {
    Path rule = RuleFiles.write(temp.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS);

    Cli.Result result = Cli.run("rules", "list", "--no-builtin", "-f", "jsonl", rule.toString());

    String json = rule.toString().replace("\\", "\\\\");
    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly
              .assertThat(result.out())
              .as("standard output")
              .isEqualTo(
                  "{\"type\":\"rule\",\"id\":\"0f5e2d4c-1111-4a2b-9c3d-000000000001\","
                      + "\"title\":\"Bucket Listing From Kali Linux\",\"level\":\"high\","
                      + "\"status\":\"test\",\"logsource\":{\"product\":\"aws\","
                      + "\"service\":\"cloudtrail\",\"category\":null},"
                      + "\"techniques\":[\"T1619\"],\"tactics\":[\"discovery\"],"
                      + "\"tags\":[\"attack.discovery\",\"attack.t1619\"],"
                      + "\"file\":\""
                      + json
                      + "\",\"line\":1}"
                      + NL);
        });
  }

  @Test
  void builtinAndUser_builtinFirst() throws IOException {
    Path rule = RuleFiles.write(temp.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS);

    Cli.Result builtinOnly = Cli.run("rules", "list");
    Cli.Result both = Cli.run("rules", "list", rule.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(both.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly
              .assertThat(builtinOnly.out())
              .as("built-in pack")
              .contains("92a04aa6-507d-4e84-a00b-dbc1655c1484")
              .contains("AWS Access Key Created for a Named IAM User")
              .doesNotContain(RuleFiles.KALI_RULE_ID);
          softly
              .assertThat(both.out().lines().count())
              .as("lines with the user rule")
              .isEqualTo(builtinOnly.out().lines().count() + 1);
          // Correlation rules follow all detection rules, so the user's rule comes just before.
          List<String> lines = both.out().lines().toList();
          int correlations =
              (int) lines.stream().filter(line -> line.contains(" correlation/")).count();
          softly.assertThat(correlations).as("built-in correlation rows").isPositive();
          softly
              .assertThat(lines.get(lines.size() - 1 - correlations))
              .as("last detection rule line")
              .startsWith(RuleFiles.KALI_RULE_ID)
              .endsWith("Bucket Listing From Kali Linux");
        });
  }

  @Test
  void invalidRule_reportedOnStderrAndLeftOut() throws IOException {
    Path broken = RuleFiles.write(temp.resolve("broken.yml"), RuleFiles.UNKNOWN_MODIFIER);
    RuleFiles.write(temp.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS);

    Cli.Result result = Cli.run("rules", "list", "--no-builtin", "-f", "jsonl", temp.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(result.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly.assertThat(result.out().lines()).as("listed rules").hasSize(1);
          softly
              .assertThat(result.err())
              .as("standard error")
              .startsWith("skywarden: " + broken + ":8:15: unknown modifier 'contain'")
              .endsWith(NL + "skywarden: loaded 1 rule (1 not loaded)" + NL);
        });
  }

  @Test
  void correlation_listedAfterRulesWithType() throws IOException {
    Path rules = temp.resolve("rules");
    RuleFiles.write(rules.resolve("kali.yml"), RuleFiles.KALI_LIST_BUCKETS);
    RuleFiles.write(rules.resolve("burst.yml"), RuleFiles.KALI_BURST);

    Cli.Result table = Cli.run("rules", "list", "--no-builtin", rules.toString());
    Cli.Result jsonl = Cli.run("rules", "list", "--no-builtin", "-f", "jsonl", rules.toString());

    assertSoftly(
        softly -> {
          softly.assertThat(table.exitCode()).as("exit code").isEqualTo(ExitCodes.OK);
          softly
              .assertThat(table.out().lines().toList())
              .as("table rows")
              .hasSize(3)
              .last()
              .isEqualTo(
                  RuleFiles.KALI_BURST_ID
                      + "  medium  correlation/event_count  T1619   Repeated Bucket Listing From"
                      + " Kali Linux");
          softly
              .assertThat(jsonl.out().lines().toList())
              .as("JSON lines")
              .hasSize(2)
              .last()
              .asString()
              .startsWith("{\"type\":\"correlation\",\"id\":\"" + RuleFiles.KALI_BURST_ID + "\"")
              .contains(
                  "\"correlation\":{\"type\":\"event_count\",\"rules\":[\""
                      + RuleFiles.KALI_RULE_ID
                      + "\"],\"group-by\":[\"userIdentity.arn\"],\"timespan\":\"5m\","
                      + "\"condition\":\">= 2\",\"generate\":false}");
        });
  }
}
