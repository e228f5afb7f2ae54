package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MappingsCommandTest {

  /** The exit code and both output streams of one run. */
  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    CommandLine commandLine = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  @Test
  void technique_tableWithCoverage() {
    Run run = run("mappings", "T1059.009");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("T1059.009  Cloud API");
    assertThat(run.out()).contains("Mappings Explorer: 40 mappings in 9 frameworks");
    assertThat(run.out()).contains("AWS CloudShell Session Started");
    assertThat(run.out()).contains("Posture checks evidencing mapped controls:");
    assertThat(run.out()).contains("PR.AA-05.02 by AWS-MFA-01");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void technique_csvFilteredByFramework() {
    Run run = run("mappings", "t1059.009", "--framework", "m365", "--format", "csv");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out().split("\r\n")).hasSize(10);
    assertThat(run.out()).doesNotContain("nist_800_53");
  }

  @Test
  void technique_unknownIdSuggests() {
    Run run = run("mappings", "T1059.9");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(run.err()).contains("unknown ATT&CK technique 'T1059.9'");
    assertThat(run.err()).contains("T1059.009 (Cloud API)");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void framework_unknownIsUsageError() {
    Run run = run("mappings", "T1059.009", "--framework", "iso27001");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(run.err()).contains("unknown framework 'iso27001'");
  }

  @Test
  void control_reverseLookupJson() {
    Run run = run("mappings", "--control", "ac_06", "--format", "json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("\"control\" : \"ac_06\"");
    assertThat(run.out()).contains("\"id\" : \"T1059.009\"");
  }

  @Test
  void noArguments_isUsageError() {
    Run run = run("mappings");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(run.err()).contains("missing TECHNIQUE");
  }

  @Test
  void import_emptyFolderIsRuntimeError(@TempDir Path folder) throws IOException {
    Files.writeString(folder.resolve("notes.txt"), "not a mapping file");

    Run run = run("mappings", "--import", folder.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.RUNTIME_ERROR);
    assertThat(run.err()).contains("no Mappings Explorer .json file in " + folder);
  }

  @Test
  void import_fileInsteadOfFolderIsUsageError(@TempDir Path folder) throws IOException {
    Path file = Files.writeString(folder.resolve("aws.json"), "{}");

    Run run = run("mappings", "--import", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(run.err()).contains("--import: not a folder: " + file);
  }

  @Test
  void import_reportsBadRecordWithPosition(@TempDir Path folder) throws IOException {
    Files.writeString(
        folder.resolve("aws.json"),
        """
        {"metadata": {"mapping_version": "", "attack_version": "18.1",
          "technology_domain": "enterprise", "creation_date": "01/02/2026",
          "mapping_framework": "aws", "mapping_framework_version": "01/02/2026",
          "mapping_types": {}, "capability_groups": {}},
         "mapping_objects": [
          {"attack_object_id": "T1059.009", "capability_id": "amazon_guardduty",
           "capability_group": "amazon_guardduty", "mapping_type": "technique_scores",
           "status": "complete", "score_category": "detect", "score_value": "huge"}
         ]}
        """);

    Run run = run("mappings", "--import", folder.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.RUNTIME_ERROR);
    assertThat(run.err())
        .contains(folder.resolve("aws.json") + ":6:3: /mapping_objects/0/score_value")
        .contains("1 record read, 1 invalid");
  }

  @Test
  void rules_loadedRuleJoinsCoverage(@TempDir Path folder) throws IOException {
    Files.writeString(
        folder.resolve("rule.yml"),
        """
        title: Local Cloud Admin Command Rule
        id: 6f1e2d3c-0000-4000-8000-000000000001
        level: medium
        tags: [attack.t1651]
        logsource: {product: aws, service: cloudtrail}
        detection: {selection: {eventName: SendCommand}, condition: selection}
        """);

    Run run = run("mappings", "T1651", "--rules", folder.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("Local Cloud Admin Command Rule");
  }
}
