package dev.skywarden.core.report;

import dev.skywarden.core.event.ClientFingerprint;
import dev.skywarden.core.finding.CappedList;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.finding.Technique;
import dev.skywarden.core.stats.InputStatistics;
import dev.skywarden.core.stats.SkipReason;
import dev.skywarden.core.stats.SkippedRecord;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a report for people at a terminal: a findings table sorted by severity (critical first)
 * and first-seen time, a summary by severity and by technique, then the statistics of each input
 * with the first skip samples.
 *
 * <p>The By-severity and By-technique tables count FINDINGS and HITS. HITS is the sum of the
 * findings' counts, so an event that fired two rules counts twice: it is not a number of distinct
 * events.
 *
 * <p>SOURCE and CLIENT show the first value of the finding's list and how many more there are; when
 * the list was capped, the text reads {@code (+10 or more)} because the full number is not kept.
 *
 * <p>The COUNT cell of a finding whose calls all failed reads {@code 3 (all failed)}; when only
 * some failed, it reads {@code 5 (3 failed)}. Failed calls keep the rule's severity.
 *
 * <p>Columns are as wide as their widest value up to a maximum each; longer values are cut and end
 * with an ellipsis ({@code …}), except principals, which are cut in the middle because their end
 * (the user or role name) tells them apart. Given a line width, the text columns narrow to fit it.
 * CLIENT shows products, not kinds: the kind is in the JSON output. With {@code ansi} set, headers
 * are bold and severities coloured; the caller decides, typically colour only when the output is a
 * terminal. Invisible characters of log data (bidirectional overrides, zero-width and control
 * characters) are shown as backslash escapes, see {@link VisibleText}. Times are UTC. Immutable and
 * thread-safe.
 */
public final class TableReport implements FindingWriter {

  /** How many skip samples are shown per input. */
  public static final int SAMPLES_SHOWN = 5;

  /** How much of a skip sample's detail is shown, in characters; the location is never cut. */
  static final int SAMPLE_DETAIL_CHARS = 100;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final boolean ansi;
  private final int lineWidth;

  /**
   * Creates a report writer whose tables use each column's maximum width; {@code ansi} turns on
   * colour and bold escape sequences.
   */
  public TableReport(boolean ansi) {
    this(ansi, 0);
  }

  /**
   * Creates a report writer that fits its tables to a line width, such as the terminal's {@code
   * COLUMNS}, by narrowing the widest text columns; lines stay longer when the columns cannot
   * shrink enough.
   *
   * @param ansi true for colour and bold escape sequences
   * @param lineWidth the line width in characters, or 0 for each column's maximum width
   * @throws IllegalArgumentException when {@code lineWidth} is negative
   */
  public TableReport(boolean ansi, int lineWidth) {
    if (lineWidth < 0) {
      throw new IllegalArgumentException(
          "invalid table width " + lineWidth + ": expected 0 (no limit) or a number of columns");
    }
    this.ansi = ansi;
    this.lineWidth = lineWidth;
  }

  @Override
  public void write(List<Finding> findings, HuntSummary summary, Writer out) throws IOException {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(FindingAggregator.FINDING_ORDER);

    out.write(heading("Findings (" + sorted.size() + ")"));
    if (sorted.isEmpty()) {
      out.write("No findings.\n");
    } else {
      out.write(findingsTable(sorted).render(ansi, lineWidth));
    }

    List<Finding> behavioural = sorted.stream().filter(Finding::behavioural).toList();
    if (!behavioural.isEmpty()) {
      out.write('\n');
      out.write(heading("Behaviour (" + behavioural.size() + ")"));
      for (Finding finding : behavioural) {
        out.write("- " + finding.severity().sigmaLevel() + " " + finding.title() + ": ");
        out.write(finding.explanation());
        out.write('\n');
      }
    }

    out.write('\n');
    out.write(heading("By severity"));
    out.write(severityTable(sorted).render(ansi, lineWidth));

    out.write('\n');
    out.write(heading("By technique"));
    out.write(techniqueTable(sorted).render(ansi, lineWidth));

    out.write('\n');
    out.write(heading("Inputs (" + summary.inputs().size() + ")"));
    for (InputStatistics input : summary.inputs()) {
      out.write(inputLines(input));
    }
    out.flush();
  }

  private TextTable findingsTable(List<Finding> findings) {
    boolean withPosture = findings.stream().anyMatch(finding -> finding.posture() != null);
    List<TextTable.Column> columns =
        new ArrayList<>(
            List.of(
                new TextTable.Column("SEVERITY", 13, false),
                new TextTable.Column("FIRST SEEN (UTC)", 19, false),
                new TextTable.Column("RULE", 40, false),
                new TextTable.Column("TECHNIQUE", 28, false),
                new TextTable.Column("PRINCIPAL", 40, false, true),
                new TextTable.Column("SOURCE", 28, false),
                new TextTable.Column("CLIENT", 30, false),
                new TextTable.Column("COUNT", 18, true)));
    if (withPosture) {
      columns.add(new TextTable.Column("POSTURE", 60, false));
    }
    TextTable table = new TextTable(columns);
    for (Finding finding : findings) {
      List<String> cells =
          new ArrayList<>(
              List.of(
                  finding.severity().sigmaLevel(),
                  TIME.format(finding.firstSeen()),
                  finding.title() == null ? finding.ruleId() : finding.title(),
                  techniqueCell(finding.techniques()),
                  finding.principal(),
                  sourceCell(finding),
                  clientCell(finding),
                  countCell(finding)));
      if (withPosture) {
        cells.add(finding.posture() == null ? "" : finding.posture().summary());
      }
      table.addRow(cells, severityStyle(finding.severity()));
    }
    return table;
  }

  /**
   * Returns the first source and how many more, with the network intel labels when there are any.
   */
  private static String sourceCell(Finding finding) {
    String cell =
        withMore(finding.sourceAddresses(), finding.truncated(CappedList.SOURCE_ADDRESSES));
    List<String> networks = finding.networkLabels();
    return networks.isEmpty() ? cell : cell + " (" + String.join("; ", networks) + ")";
  }

  private TextTable severityTable(List<Finding> findings) {
    Map<Severity, long[]> bySeverity = new EnumMap<>(Severity.class);
    for (Finding finding : findings) {
      long[] counts = bySeverity.computeIfAbsent(finding.severity(), s -> new long[2]);
      counts[0]++;
      counts[1] += finding.count();
    }
    TextTable table =
        new TextTable(
            List.of(
                new TextTable.Column("SEVERITY", 13, false),
                new TextTable.Column("FINDINGS", 10, true),
                new TextTable.Column("HITS", 12, true)));
    Severity[] severities = Severity.values();
    for (int i = severities.length - 1; i >= 0; i--) {
      long[] counts = bySeverity.get(severities[i]);
      if (counts != null) {
        table.addRow(
            List.of(severities[i].sigmaLevel(), Long.toString(counts[0]), Long.toString(counts[1])),
            severityStyle(severities[i]));
      }
    }
    return table;
  }

  /** Counts findings and hits per technique, ordered by technique id. */
  private static TextTable techniqueTable(List<Finding> findings) {
    Map<String, String> names = new TreeMap<>();
    Map<String, long[]> counts = new TreeMap<>();
    for (Finding finding : findings) {
      for (Technique technique : finding.techniques()) {
        names.put(technique.id(), technique.name());
        long[] count = counts.computeIfAbsent(technique.id(), id -> new long[2]);
        count[0]++;
        count[1] += finding.count();
      }
    }
    TextTable table =
        new TextTable(
            List.of(
                new TextTable.Column("TECHNIQUE", 12, false),
                new TextTable.Column("NAME", 40, false),
                new TextTable.Column("FINDINGS", 10, true),
                new TextTable.Column("HITS", 12, true)));
    counts.forEach(
        (id, count) ->
            table.addRow(
                List.of(id, names.get(id), Long.toString(count[0]), Long.toString(count[1])),
                null));
    return table;
  }

  private static String inputLines(InputStatistics input) {
    StringBuilder text = new StringBuilder();
    text.append(VisibleText.escape(input.input()))
        .append(": ")
        .append(Plurals.count(input.files(), "file"))
        .append(", ")
        .append(Plurals.count(input.records(), "record"))
        .append(", ")
        .append(Plurals.count(input.events(), "event"))
        .append(", ")
        .append(input.skipped())
        .append(" skipped\n");
    for (Map.Entry<SkipReason, Long> skipped : input.skippedByReason().entrySet()) {
      text.append("  skipped ")
          .append(skipped.getValue())
          .append(": ")
          .append(skipped.getKey().description())
          .append('\n');
    }
    List<SkippedRecord> samples = input.samples();
    for (int i = 0; i < Math.min(SAMPLES_SHOWN, samples.size()); i++) {
      SkippedRecord sample = samples.get(i);
      text.append("  sample: ")
          .append(sample.reason().description())
          .append(" at ")
          .append(VisibleText.escape(sample.location().toString()));
      if (sample.detail() != null) {
        text.append(": ")
            .append(TextTable.cut(VisibleText.escape(sample.detail()), SAMPLE_DETAIL_CHARS));
      }
      text.append('\n');
    }
    if (samples.size() > SAMPLES_SHOWN) {
      long more = input.skipped() - SAMPLES_SHOWN;
      text.append("  (")
          .append(Plurals.count(more, "more skipped record", "more skipped records"))
          .append(" not shown)\n");
    }
    return text.toString();
  }

  /**
   * Returns the client as its products, such as {@code Kali Linux + AWS CLI} or {@code
   * Terraform/1.9.8 + Terraform provider}: the primary product with its version, then the next
   * distinct product of the labels, and how many more clients the finding saw.
   */
  static String clientCell(Finding finding) {
    ClientFingerprint client = finding.client();
    String text;
    if (client == null || client.product() == null) {
      text = "unknown";
    } else {
      text =
          client.version() == null ? client.product() : client.product() + "/" + client.version();
      for (String label : client.labels()) {
        String product = label.substring(label.indexOf(':') + 1);
        if (!product.isEmpty() && !product.equals(client.product())) {
          text += " + " + product;
          break;
        }
      }
    }
    List<String> clients = finding.clients();
    if (finding.truncated(CappedList.CLIENTS)) {
      return text + " (+" + clients.size() + " or more)";
    }
    return clients.size() > 1 ? text + " (+" + (clients.size() - 1) + ")" : text;
  }

  /** Returns the count, with the failed share when any call failed or was denied. */
  static String countCell(Finding finding) {
    String count = Long.toString(finding.count());
    if (finding.allFailed()) {
      return count + " (all failed)";
    }
    return finding.anyFailed() ? count + " (" + finding.failedCount() + " failed)" : count;
  }

  private static String techniqueCell(List<Technique> techniques) {
    if (techniques.isEmpty()) {
      return "";
    }
    Technique first = techniques.get(0);
    String text = first.id().equals(first.name()) ? first.id() : first.id() + " " + first.name();
    return techniques.size() == 1 ? text : text + " (+" + (techniques.size() - 1) + ")";
  }

  /**
   * Returns the first value and how many more there are, such as {@code 203.0.113.1 (+2)}. A
   * truncated list kept {@link FindingAggregator#MAX_VALUES} of more values, so the text then gives
   * the lower bound: {@code 203.0.113.1 (+10 or more)}.
   */
  static String withMore(List<String> values, boolean truncated) {
    if (values.isEmpty()) {
      return "";
    }
    if (truncated) {
      return values.get(0) + " (+" + values.size() + " or more)";
    }
    return values.size() == 1 ? values.get(0) : values.get(0) + " (+" + (values.size() - 1) + ")";
  }

  private String heading(String text) {
    return ansi ? "\u001b[1m" + text + "\u001b[0m\n" : text + "\n";
  }

  private static String severityStyle(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "\u001b[1;31m";
      case HIGH -> "\u001b[31m";
      case MEDIUM -> "\u001b[33m";
      case LOW -> "\u001b[36m";
      case INFORMATIONAL -> "\u001b[2m";
    };
  }
}
