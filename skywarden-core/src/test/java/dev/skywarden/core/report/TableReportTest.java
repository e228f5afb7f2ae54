package dev.skywarden.core.report;

import static dev.skywarden.core.finding.TestHits.by;
import static dev.skywarden.core.finding.TestHits.event;
import static dev.skywarden.core.finding.TestHits.failed;
import static dev.skywarden.core.finding.TestHits.hit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.ClientFingerprint;
import dev.skywarden.core.event.ClientKind;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.stats.InputStatistics;
import dev.skywarden.core.stats.SkipReason;
import dev.skywarden.core.stats.SkippedRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableReportTest {

  private static final String LONG_USER = "a-very-long-user-name-that-does-not-fit-into-the-column";

  private static List<Finding> findings() {
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(
        hit("rule-low", Severity.LOW, event("carol", 1, 1, null, "203.0.113.5", "ListUsers")));
    aggregator.add(
        hit("rule-high", Severity.HIGH, event("alice", 50, 2, null, "203.0.113.6", "CreateUser")));
    aggregator.add(
        hit("rule-high", Severity.HIGH, event("alice", 60, 3, null, "203.0.113.7", "CreateUser")));
    aggregator.add(
        hit("rule-early", Severity.HIGH, event(LONG_USER, 10, 4, null, "203.0.113.8", "GetUser")));
    aggregator.add(
        hit(
            "rule-crit",
            Severity.CRITICAL,
            event("bob", 99, 5, null, "203.0.113.9", "DeleteTrail")));
    return aggregator.findings();
  }

  private static HuntSummary summary() {
    InputStatistics input = new InputStatistics("logs/");
    input.countFile();
    for (int i = 1; i <= 9; i++) {
      input.countRecord();
      if (i <= 2) {
        input.countEvent();
      } else {
        input.countSkipped(
            new SkippedRecord(
                new SourceLocation("logs/bad.json", i, i),
                i % 2 == 0 ? SkipReason.MALFORMED_JSON : SkipReason.INVALID_TIME,
                "detail " + i));
      }
    }
    return new HuntSummary("0.1.0-test", Instant.parse("2025-03-02T00:00:00Z"), List.of(input));
  }

  private static String render(boolean ansi) throws IOException {
    StringWriter out = new StringWriter();
    // Reverse the aggregator's order so the report has to sort.
    List<Finding> reversed = new java.util.ArrayList<>(findings());
    java.util.Collections.reverse(reversed);
    new TableReport(ansi).write(reversed, summary(), out);
    return out.toString();
  }

  @Test
  void report_sectionsAndHeaders() throws IOException {
    String text = render(false);

    assertThat(text).startsWith("Findings (4)\n");
    assertThat(text.lines())
        .contains("By severity", "By technique", "Inputs (1)")
        .anyMatch(
            line ->
                line.startsWith("SEVERITY  FIRST SEEN (UTC)")
                    && line.contains("RULE")
                    && line.endsWith("COUNT"));
    assertThat(text).doesNotContain("\u001b[");
  }

  @Test
  void report_rowsSortedBySeverityThenTime() throws IOException {
    List<String> rows = render(false).lines().takeWhile(line -> !line.isEmpty()).skip(2).toList();

    assertThat(rows).hasSize(4);
    assertThat(rows.get(0)).startsWith("critical").contains("Rule rule-crit");
    assertThat(rows.get(1)).startsWith("high").contains("2025-03-01 10:00:10", "Rule rule-early");
    assertThat(rows.get(2)).startsWith("high").contains("Rule rule-high").endsWith(" 2");
    assertThat(rows.get(3)).startsWith("low");
  }

  @Test
  void report_longValuesCutWithEllipsis() throws IOException {
    String row =
        render(false).lines().filter(line -> line.contains("rule-early")).findFirst().orElseThrow();

    assertThat(row)
        .doesNotContain(LONG_USER)
        .contains("arn:aws:iam::\u2026es-not-fit-into-the-column");
    assertThat(row).contains("T1059.009 Cloud API (+1)");
  }

  @Test
  void report_summaryAndInputs() throws IOException {
    List<String> lines = render(false).lines().toList();

    assertThat(lines).anyMatch(line -> line.matches("high\\s+2\\s+3"));
    assertThat(lines).anyMatch(line -> line.matches("T1059\\.009\\s+Cloud API\\s+4\\s+5"));
    assertThat(lines).contains("logs/: 1 file, 9 records, 2 events, 7 skipped");
    assertThat(lines)
        .contains("  skipped 3: malformed JSON", "  skipped 4: missing or invalid event time");
    assertThat(lines)
        .filteredOn(line -> line.startsWith("  sample: "))
        .hasSize(TableReport.SAMPLES_SHOWN);
    assertThat(lines)
        .contains(
            "  sample: missing or invalid event time at logs/bad.json:3 (record 3): detail 3");
    assertThat(lines).contains("  (2 more skipped records not shown)");
  }

  @Test
  void report_ansiColoursSeverity() throws IOException {
    String text = render(true);

    assertThat(text).contains("\u001b[1;31mcritical").contains("\u001b[1mFindings (4)");
  }

  @Test
  void report_noFindings() throws IOException {
    StringWriter out = new StringWriter();
    new TableReport(false).write(List.of(), summary(), out);

    assertThat(out.toString()).startsWith("Findings (0)\nNo findings.\n");
  }

  @Test
  void findingsTable_marksFailedCalls() throws IOException {
    FindingAggregator aggregator = new FindingAggregator();
    for (int i = 1; i <= 2; i++) {
      aggregator.add(
          hit(
              "rule-denied",
              Severity.HIGH,
              failed(event("mallory", i, i, null, "203.0.113.1", "StopLogging"), "AccessDenied")));
    }
    aggregator.add(
        hit("rule-mixed", Severity.LOW, event("eve", 5, 5, null, "203.0.113.2", "ListUsers")));
    aggregator.add(
        hit(
            "rule-mixed",
            Severity.LOW,
            failed(event("eve", 6, 6, null, "203.0.113.2", "ListUsers"), "Throttling")));
    StringWriter out = new StringWriter();
    new TableReport(false).write(aggregator.findings(), summary(), out);

    assertThat(out.toString().lines())
        .anyMatch(line -> line.contains("Rule rule-denied") && line.endsWith("2 (all failed)"))
        .anyMatch(line -> line.contains("Rule rule-mixed") && line.endsWith("2 (1 failed)"));
  }

  @Test
  void findingsTable_signalsTruncatedSources() throws IOException {
    FindingAggregator aggregator = new FindingAggregator();
    for (int i = 1; i <= 20; i++) {
      aggregator.add(
          hit("rule-many", Severity.LOW, event("eve", i, i, null, "203.0.113." + i, "ListUsers")));
    }
    aggregator.add(
        hit("rule-two", Severity.LOW, event("bob", 1, 30, null, "198.51.100.1", "ListUsers")));
    aggregator.add(
        hit("rule-two", Severity.LOW, event("bob", 2, 31, null, "198.51.100.2", "ListUsers")));
    StringWriter out = new StringWriter();
    new TableReport(false).write(aggregator.findings(), summary(), out);

    assertThat(out.toString().lines())
        .anyMatch(
            line -> line.contains("Rule rule-many") && line.contains("203.0.113.1 (+10 or more)"))
        .anyMatch(line -> line.contains("Rule rule-two") && line.contains("198.51.100.1 (+1) "));
  }

  @Test
  void summaryTables_countHitsNotEvents() throws IOException {
    String text = render(false);

    assertThat(text.lines())
        .anyMatch(line -> line.matches("SEVERITY +FINDINGS +HITS"))
        .anyMatch(line -> line.matches("TECHNIQUE +NAME +FINDINGS +HITS"))
        .noneMatch(line -> line.contains("EVENTS"));
  }

  @Test
  void cutMiddle_keepsPrincipalEnd() {
    String cut = TextTable.cutMiddle("arn:aws:iam::111122223333:user/svc-repo-sync", 30);

    assertThat(cut).hasSize(30);
    assertThat(cut).startsWith("arn:aws:i\u2026");
    assertThat(cut).endsWith(":user/svc-repo-sync");
    assertThat(TextTable.cutMiddle("short", 30)).isEqualTo("short");
  }

  @Test
  void findingsTable_clientAsProducts() throws IOException {
    ClientFingerprint kali =
        new ClientFingerprint(
            ClientKind.PENTEST_DISTRIBUTION,
            "Kali Linux",
            null,
            List.of("PENTEST_DISTRIBUTION:Kali Linux", "AWS_CLI:AWS CLI"));
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(
        hit(
            "rule-kali",
            Severity.HIGH,
            by(event("eve", 1, 1, null, "203.0.113.1", "ListUsers"), kali)));
    aggregator.add(
        hit("rule-kali", Severity.HIGH, event("eve", 2, 2, null, "203.0.113.1", "ListUsers")));
    StringWriter out = new StringWriter();
    new TableReport(false).write(aggregator.findings(), summary(), out);

    assertThat(out.toString())
        .contains("Kali Linux + AWS CLI (+1)")
        .doesNotContain("PENTEST_DISTRIBUTION");
  }

  @Test
  void report_fitsGivenWidth() throws IOException {
    StringWriter wide = new StringWriter();
    new TableReport(false).write(findings(), summary(), wide);
    StringWriter narrow = new StringWriter();
    new TableReport(false, 120).write(findings(), summary(), narrow);
    List<String> narrowTable =
        narrow.toString().lines().takeWhile(line -> !line.isEmpty()).toList();

    assertThat(wide.toString().lines()).anyMatch(line -> line.length() > 120);
    assertThat(narrowTable).hasSize(6);
    assertThat(narrowTable).allMatch(line -> line.length() <= 120, "at most 120 characters");
    assertThat(narrowTable.get(1)).endsWith("COUNT");
  }

  @Test
  void constructor_rejectsNegativeWidth() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new TableReport(false, -1))
        .withMessageContaining("-1");
  }

  @Test
  void findingsTable_showsBidiAndControlCharactersAsEscapes() throws IOException {
    // U+202E reverses what follows; U+200B hides a break; ESC could recolour the terminal.
    String user = "admin\u202Egnp.exe\u200B\u001b[2J\u2066x\u2069";
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(hit("rule-bidi", Severity.HIGH, event(user, 1, 1, null, "203.0.113.1", "X")));
    StringWriter out = new StringWriter();

    new TableReport(false).write(aggregator.findings(), summary(), out);

    String row =
        out.toString().lines().filter(line -> line.startsWith("high")).findFirst().orElseThrow();
    // The principal column keeps the end of a long ARN.
    assertThat(row).contains("\\u001B[2J\\u2066x\\u2069");
    assertThat(out.toString().codePoints()).noneMatch(c -> c != '\n' && VisibleText.isInvisible(c));
  }

  @Test
  void inputs_singularCounts() throws IOException {
    InputStatistics input = new InputStatistics("one.json");
    input.countFile();
    input.countRecord();
    input.countEvent();
    StringWriter out = new StringWriter();

    new TableReport(false)
        .write(List.of(), new HuntSummary("t", Instant.EPOCH, List.of(input)), out);

    assertThat(out.toString().lines()).contains("one.json: 1 file, 1 record, 1 event, 0 skipped");
  }
}
