package dev.skywarden.core.posture;

import dev.skywarden.core.finding.PrincipalPosture;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a report for people at a terminal: the results (failures first), the summary per control,
 * the identity counts, and the files read or ignored. Cells longer than their column's maximum are
 * cut with an ellipsis; details are never cut. Thread-safe.
 */
public final class PostureTableWriter implements PostureWriter {

  private static final String ELLIPSIS = "\u2026";

  @Override
  public void write(PostureResult result, String productVersion, Instant time, Writer out)
      throws IOException {
    List<CheckResult> results = result.results();
    out.write(
        "Posture results ("
            + result.results(CheckStatus.FAIL).size()
            + " failed, "
            + result.results(CheckStatus.PASS).size()
            + " passed, "
            + result.results(CheckStatus.NOT_EVALUATED).size()
            + " not evaluated; ages as of "
            + result.asOf()
            + ")\n");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("STATUS", "SEVERITY", "CHECK", "SCOPE", "RESOURCE", "DETAIL"));
    for (CheckResult item : results) {
      rows.add(
          List.of(
              item.status().label(),
              item.status() == CheckStatus.FAIL ? item.check().severity().sigmaLevel() : "",
              item.check().id(),
              item.scope() == null ? "" : item.scope(),
              item.resource(),
              item.detail() == null ? "" : item.detail()));
    }
    out.write(render(rows, new int[] {13, 13, 14, 40, 60, Integer.MAX_VALUE}));

    out.write("\nBy control\n");
    List<List<String>> controls = new ArrayList<>();
    controls.add(List.of("FRAMEWORK", "CONTROL", "PASSED", "FAILED", "NOT EVALUATED", "FAILURES"));
    for (ControlSummary summary : result.controlSummaries()) {
      controls.add(
          List.of(
              summary.framework(),
              summary.controlId(),
              Integer.toString(summary.passed().size()),
              Integer.toString(summary.failed().size()),
              Integer.toString(summary.notEvaluated().size()),
              Long.toString(summary.failures())));
    }
    out.write(render(controls, new int[] {22, 12, 6, 6, 13, 8}));

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
    out.write(
        "\nIdentities: "
            + result.identities().size()
            + " ("
            + privileged
            + " privileged, "
            + withoutMfa
            + " privileged without MFA, "
            + standing
            + " with standing privileges, "
            + external
            + " external)\n");
    out.write("\nFiles (" + result.files().size() + ")\n");
    for (String file : result.files()) {
      out.write("  " + file + "\n");
    }
    if (!result.ignored().isEmpty()) {
      out.write("Ignored (" + result.ignored().size() + ")\n");
      for (String file : result.ignored()) {
        out.write("  " + file + "\n");
      }
    }
    out.flush();
  }

  private static String render(List<List<String>> rows, int[] maxWidths) {
    int[] widths = new int[maxWidths.length];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.min(Math.max(widths[i], clean(row.get(i)).length()), maxWidths[i]);
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = clean(row.get(i));
        if (cell.length() > widths[i]) {
          cell = cell.substring(0, widths[i] - 1) + ELLIPSIS;
        }
        if (i > 0) {
          line.append("  ");
        }
        line.append(cell).append(" ".repeat(widths[i] - cell.length()));
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }

  private static String clean(String cell) {
    return cell.replaceAll("\\p{Cntrl}", " ");
  }
}
