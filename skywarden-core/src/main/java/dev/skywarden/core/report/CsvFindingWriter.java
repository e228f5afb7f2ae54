package dev.skywarden.core.report;

import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.Technique;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes findings as CSV (RFC 4180): a header row, then one row per finding, lines ended by CRLF. A
 * field is quoted when it contains a comma, a double quote, CR or LF; a double quote inside is
 * doubled. Lists inside a field are joined with {@code "; "}. Times are ISO-8601 UTC. The last
 * three columns are empty for rule findings and, for behavioural findings, name the new or rare
 * features, the history compared with and the peer group used.
 *
 * <p>A field that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
 * return gets a leading {@code '}, because spreadsheets run such a cell as a formula and the values
 * come from logs an attacker can write (user agents, principal names). Thread-safe.
 */
public final class CsvFindingWriter implements FindingWriter {

  /** The header row, in column order. */
  public static final List<String> HEADER =
      List.of(
          "id",
          "severity",
          "rule_id",
          "title",
          "provider",
          "account",
          "principal",
          "principal_type",
          "first_seen",
          "last_seen",
          "count",
          "techniques",
          "tactics",
          "nist_800_53_r5",
          "csf_2_0",
          "source_addresses",
          "credentials",
          "operations",
          "client",
          "explanation",
          "new_features",
          "history",
          "peer_group");

  private static final String LIST_SEPARATOR = "; ";

  private final ControlCatalog catalog;

  /** Creates a writer that names controls from the bundled catalogue. */
  public CsvFindingWriter() {
    this(ControlCatalog.bundled());
  }

  /** Creates a writer that names controls from the given catalogue. */
  public CsvFindingWriter(ControlCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public void write(List<Finding> findings, HuntSummary summary, Writer out) throws IOException {
    out.write(row(HEADER));
    for (Finding finding : findings) {
      out.write(row(fields(finding)));
    }
    out.flush();
  }

  /** Returns the fields of one finding in {@link #HEADER} order; absent values are empty. */
  List<String> fields(Finding finding) {
    List<String> techniques = new ArrayList<>();
    List<String> tactics = new ArrayList<>();
    for (Technique technique : finding.techniques()) {
      techniques.add(technique.id() + " " + technique.name());
      for (String tactic : technique.tactics()) {
        if (!tactics.contains(tactic)) {
          tactics.add(tactic);
        }
      }
    }
    MappedControls controls = MappedControls.of(finding, catalog);
    List<String> nist = controls.nist().stream().map(MappedControls.Control::id).toList();
    List<String> csf = controls.csf().stream().map(MappedControls.Control::id).toList();

    List<String> fields = new ArrayList<>();
    fields.add(finding.id());
    fields.add(finding.severity().sigmaLevel());
    fields.add(finding.ruleId());
    fields.add(text(finding.title()));
    fields.add(finding.provider().id());
    fields.add(text(finding.account()));
    fields.add(text(finding.principal()));
    fields.add(text(finding.principalType()));
    fields.add(text(JsonLinesFindingWriter.iso(finding.firstSeen())));
    fields.add(text(JsonLinesFindingWriter.iso(finding.lastSeen())));
    fields.add(Long.toString(finding.count()));
    fields.add(String.join(LIST_SEPARATOR, techniques));
    fields.add(String.join(LIST_SEPARATOR, tactics));
    fields.add(String.join(LIST_SEPARATOR, nist));
    fields.add(String.join(LIST_SEPARATOR, csf));
    fields.add(String.join(LIST_SEPARATOR, finding.sourceAddresses()));
    fields.add(String.join(LIST_SEPARATOR, finding.credentials()));
    fields.add(String.join(LIST_SEPARATOR, finding.operations()));
    fields.add(finding.client() == null ? "" : finding.client().summary());
    fields.add(text(finding.explanation()));
    fields.add(BehaviourJson.features(finding.behaviour()));
    fields.add(finding.behaviour() == null ? "" : historyText(finding.behaviour().history()));
    fields.add(finding.behaviour() == null ? "" : text(finding.behaviour().peerGroup()));
    return fields;
  }

  /** Formats one record: fields quoted where RFC 4180 requires it, ended by CRLF. */
  static String row(List<String> fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(quote(neutralizeFormula(fields.get(i))));
    }
    return line.append("\r\n").toString();
  }

  /** Prefixes {@code '} to a field that a spreadsheet would otherwise run as a formula. */
  static String neutralizeFormula(String field) {
    if (field.isEmpty()) {
      return field;
    }
    char first = field.charAt(0);
    boolean formula =
        first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r';
    return formula ? "'" + field : field;
  }

  /** Quotes a field when it contains a comma, double quote, CR or LF. */
  static String quote(String field) {
    boolean needsQuotes =
        field.indexOf(',') >= 0
            || field.indexOf('"') >= 0
            || field.indexOf('\r') >= 0
            || field.indexOf('\n') >= 0;
    if (!needsQuotes) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  /**
   * Returns the history a behavioural finding was compared with, such as {@code training window
   * 2025-02-28T10:00:00Z to 2025-03-01T10:00:00Z, 120 events, first seen 2025-02-28T10:05:00Z, last
   * seen 2025-03-01T09:55:00Z}; the window and the times are left out when the history has none.
   */
  private static String historyText(dev.skywarden.core.finding.Behaviour.History history) {
    StringBuilder text = new StringBuilder(history.source());
    if (history.windowStart() != null && history.windowEnd() != null) {
      text.append(' ')
          .append(JsonLinesFindingWriter.iso(history.windowStart()))
          .append(" to ")
          .append(JsonLinesFindingWriter.iso(history.windowEnd()));
    }
    text.append(", ").append(history.events()).append(history.events() == 1 ? " event" : " events");
    if (history.firstSeen() != null) {
      text.append(", first seen ").append(JsonLinesFindingWriter.iso(history.firstSeen()));
    }
    if (history.lastSeen() != null) {
      text.append(", last seen ").append(JsonLinesFindingWriter.iso(history.lastSeen()));
    }
    return text.toString();
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
