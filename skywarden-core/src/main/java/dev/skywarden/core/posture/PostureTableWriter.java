package dev.skywarden.core.posture;

import dev.skywarden.core.finding.PrincipalPosture;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a report for people at a terminal, at most {@value #WIDTH} characters wide: one block per
 * check (title, severity, CSF 2.0 subcategory and CRI statement, NIST SP 800-53 r5 controls, ATT&CK
 * mitigations, remediation, then its results), the summary per control, the identity counts, and
 * the files read or ignored.
 *
 * <p>Checks with failures come first, the most severe first, then checks not evaluated, then checks
 * that passed, each group in check id order. Nothing is cut: long values wrap. The output contains
 * no clock time, so the same inputs and {@code --as-of} give the same bytes. Thread-safe.
 */
public final class PostureTableWriter implements PostureWriter {

  /** The maximum line length in characters. */
  public static final int WIDTH = 100;

  private static final String DETAIL_INDENT = "       ";

  @Override
  public void write(PostureResult result, String productVersion, Instant time, Writer out)
      throws IOException {
    out.write(
        "Posture: "
            + result.results(CheckStatus.FAIL).size()
            + " failed, "
            + result.results(CheckStatus.PASS).size()
            + " passed, "
            + result.results(CheckStatus.NOT_EVALUATED).size()
            + " not evaluated (credential ages as of "
            + result.asOf()
            + ")\n");
    for (String warning : result.warnings()) {
      writeLines(TextWrap.wrap(warning, "Warning: ", "  ", WIDTH), out);
    }

    CheckCatalog catalog = CheckCatalog.bundled();
    for (Map.Entry<CheckDefinition, List<CheckResult>> block : byCheck(result).entrySet()) {
      out.write("\n");
      writeCheck(block.getKey(), block.getValue(), catalog, out);
    }

    out.write("\nBy control\n");
    out.write(controls(result));
    out.write(identities(result));
    out.write("\nFiles (" + result.files().size() + ")\n");
    for (String file : result.files()) {
      writeLines(TextWrap.wrap(file, "  ", "    ", WIDTH), out);
    }
    if (!result.ignored().isEmpty()) {
      out.write("Ignored (" + result.ignored().size() + ")\n");
      for (String file : result.ignored()) {
        writeLines(TextWrap.wrap(file, "  ", "    ", WIDTH), out);
      }
    }
    out.flush();
  }

  /** Groups the results by check, ordered as the class comment says. */
  private static Map<CheckDefinition, List<CheckResult>> byCheck(PostureResult result) {
    Map<String, List<CheckResult>> byId = new LinkedHashMap<>();
    for (CheckResult item : result.results()) {
      byId.computeIfAbsent(item.check().id(), k -> new ArrayList<>()).add(item);
    }
    List<List<CheckResult>> blocks = new ArrayList<>(byId.values());
    blocks.sort(
        Comparator.comparingInt((List<CheckResult> block) -> rank(block))
            .thenComparing(block -> block.get(0).check().severity(), Comparator.reverseOrder())
            .thenComparing(block -> block.get(0).check().id()));
    Map<CheckDefinition, List<CheckResult>> ordered = new LinkedHashMap<>();
    blocks.forEach(block -> ordered.put(block.get(0).check(), block));
    return ordered;
  }

  /** Returns 0 for a check with a failure, 1 with a result not evaluated, 2 when it passed. */
  private static int rank(List<CheckResult> block) {
    boolean notEvaluated = false;
    for (CheckResult item : block) {
      if (item.status() == CheckStatus.FAIL) {
        return 0;
      }
      notEvaluated |= item.status() == CheckStatus.NOT_EVALUATED;
    }
    return notEvaluated ? 1 : 2;
  }

  private static void writeCheck(
      CheckDefinition check, List<CheckResult> results, CheckCatalog catalog, Writer out)
      throws IOException {
    writeLines(TextWrap.wrap(check.title(), check.id() + "  ", "  ", WIDTH), out);
    String controls =
        "severity "
            + check.severity().sigmaLevel()
            + " | CRI "
            + check.criStatement()
            + " (CSF 2.0 "
            + check.csfSubcategory()
            + ") | NIST SP 800-53 r5 "
            + String.join(", ", check.nistControls());
    writeLines(TextWrap.wrap(controls, "  ", "  ", WIDTH), out);
    List<String> mitigations = new ArrayList<>();
    for (String id : check.mitigations()) {
      mitigations.add(id + " " + catalog.mitigationName(id));
    }
    writeLines(
        TextWrap.wrap(String.join(", ", mitigations), "  ATT&CK mitigation: ", "  ", WIDTH), out);
    writeLines(TextWrap.wrap(check.remediation(), "  Remediation: ", "  ", WIDTH), out);

    for (CheckResult item : results) {
      String status = item.status().label().toUpperCase(Locale.ROOT).replace('-', ' ');
      String subject = item.resource();
      if (item.scope() != null && !subject.contains(item.scope())) {
        subject = subject + " in " + item.scope();
      }
      writeLines(TextWrap.wrap(subject, "  " + status + " ", DETAIL_INDENT, WIDTH), out);
      if (item.detail() != null && !item.detail().isEmpty()) {
        writeLines(TextWrap.wrap(item.detail(), DETAIL_INDENT, DETAIL_INDENT, WIDTH), out);
      }
    }
  }

  private static String controls(PostureResult result) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("FRAMEWORK", "CONTROL", "PASSED", "FAILED", "NOT EVALUATED", "FAILURES"));
    for (ControlSummary summary : result.controlSummaries()) {
      rows.add(
          List.of(
              summary.framework(),
              summary.controlId(),
              Integer.toString(summary.passed().size()),
              Integer.toString(summary.failed().size()),
              Integer.toString(summary.notEvaluated().size()),
              Long.toString(summary.failures())));
    }
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == 0 ? "" : "  ").append(row.get(i));
        line.append(" ".repeat(widths[i] - row.get(i).length()));
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }

  private static String identities(PostureResult result) {
    long privileged = 0;
    long withoutMfa = 0;
    long external = 0;
    long standing = 0;
    for (PrincipalPosture identity : result.identities()) {
      privileged += identity.privileged() ? 1 : 0;
      withoutMfa += identity.privilegedWithoutMfa() ? 1 : 0;
      external += identity.external() ? 1 : 0;
      standing += identity.standingPrivileged() ? 1 : 0;
    }
    return "\nIdentities: "
        + result.identities().size()
        + " ("
        + privileged
        + " privileged, "
        + withoutMfa
        + " privileged without MFA, "
        + standing
        + " with standing privileges, "
        + external
        + " external)\n";
  }

  private static void writeLines(List<String> lines, Writer out) throws IOException {
    for (String line : lines) {
      out.write(line);
      out.write('\n');
    }
  }
}
