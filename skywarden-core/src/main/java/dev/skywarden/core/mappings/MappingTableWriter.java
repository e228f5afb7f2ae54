package dev.skywarden.core.mappings;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a view as readable text: a header block, then one small table per framework. */
final class MappingTableWriter implements MappingViewWriter {

  /** Cells longer than this are cut and end with {@code ...}. */
  static final int MAX_CELL_WIDTH = 60;

  private static final String INDENT = "  ";

  @Override
  public void write(TechniqueView view, Writer out) throws IOException {
    AttackTechnique technique = view.technique();
    out.write(technique.id() + "  " + technique.name() + "\n");
    if (!technique.active()) {
      out.write(
          "  (not in ATT&CK v"
              + view.attackVersion()
              + ": revoked or deprecated; mappings only)\n");
    }
    out.write("Tactics:    " + joinOrNone(technique.tactics()) + "\n");
    out.write("Platforms:  " + joinOrNone(technique.platforms()) + "\n");
    out.write("ATT&CK:     v" + view.attackVersion() + "\n");
    if (!view.subTechniques().isEmpty()) {
      List<String> subs = new ArrayList<>();
      view.subTechniques().forEach(sub -> subs.add(sub.id() + " " + sub.name()));
      out.write("Sub-techniques: " + String.join(", ", subs) + "\n");
    }

    out.write(
        "\nMappings Explorer: "
            + view.mappingCount()
            + " mappings in "
            + view.frameworks().size()
            + " frameworks\n");
    for (FrameworkMappings group : view.frameworks()) {
      writeFramework(group, out);
      List<List<String>> rows = new ArrayList<>();
      for (Mapping mapping : group.mappings()) {
        rows.add(
            List.of(
                mapping.capability().id(),
                mapping.capability().name(),
                mapping.type().label(),
                score(mapping)));
      }
      out.write(table(List.of("ID", "NAME", "TYPE", "SCORE"), rows));
    }
    if (view.frameworks().isEmpty()) {
      out.write(INDENT + "no mappings for this technique in the selected frameworks\n");
    }
    writeCoverage(view.coverage(), out);
  }

  @Override
  public void write(ControlView view, Writer out) throws IOException {
    out.write(
        "Control "
            + view.query().trim()
            + ": "
            + view.mappingCount()
            + " mappings to "
            + view.techniques().size()
            + " techniques\n");
    Map<String, String> names = new LinkedHashMap<>();
    view.techniques().forEach(technique -> names.put(technique.id(), technique.name()));
    for (FrameworkMappings group : view.frameworks()) {
      writeFramework(group, out);
      List<List<String>> rows = new ArrayList<>();
      for (Mapping mapping : group.mappings()) {
        rows.add(
            List.of(
                mapping.capability().id(),
                mapping.techniqueId(),
                names.getOrDefault(mapping.techniqueId(), ""),
                mapping.type().label(),
                score(mapping)));
      }
      out.write(table(List.of("CONTROL", "TECHNIQUE", "NAME", "TYPE", "SCORE"), rows));
    }
  }

  private static void writeFramework(FrameworkMappings group, Writer out) throws IOException {
    Framework framework = group.framework();
    out.write(
        "\n"
            + framework.label()
            + " ("
            + framework.framework()
            + " "
            + framework.frameworkVersion()
            + ", ATT&CK "
            + framework.attackVersion()
            + "): "
            + group.mappings().size()
            + "\n");
  }

  private static void writeCoverage(TechniqueCoverage coverage, Writer out) throws IOException {
    out.write("\nSkywarden coverage (" + String.join(", ", coverage.sources()) + ")\n");
    if (coverage.detections().isEmpty()) {
      out.write("Detections: none\n");
    } else {
      out.write("Detections: " + coverage.detections().size() + "\n");
      List<List<String>> rows = new ArrayList<>();
      for (Detection detection : coverage.detections()) {
        rows.add(
            List.of(
                detection.level() == null ? "" : detection.level(),
                detection.title(),
                String.join(" ", detection.techniqueIds()),
                detection.kind() == Detection.DetectionKind.BUILTIN_RULE
                    ? "built-in"
                    : detection.origin()));
      }
      out.write(table(List.of("LEVEL", "TITLE", "TECHNIQUES", "SOURCE"), rows));
    }

    if (coverage.checkCount() == 0) {
      out.write("Posture checks: none yet (Skywarden has no posture checks in this version)\n");
    } else {
      List<String> evidenced = new ArrayList<>();
      for (ControlCoverage control : coverage.evidencedControls()) {
        List<String> checks = new ArrayList<>();
        control.checks().forEach(check -> checks.add(check.id()));
        evidenced.add(control.control().id() + " by " + String.join(", ", checks));
      }
      out.write("Posture checks evidencing mapped controls: " + joinOrNone(evidenced) + "\n");
    }

    List<ControlCoverage> missing = coverage.unevidencedControls();
    out.write("Mapped controls not evidenced by Skywarden yet: " + missing.size() + "\n");
    Map<String, List<String>> byFramework = new LinkedHashMap<>();
    for (ControlCoverage control : missing) {
      byFramework
          .computeIfAbsent(control.framework().label(), key -> new ArrayList<>())
          .add(control.control().id());
    }
    for (Map.Entry<String, List<String>> entry : byFramework.entrySet()) {
      out.write(INDENT + entry.getKey() + ": " + String.join(", ", entry.getValue()) + "\n");
    }
  }

  private static String score(Mapping mapping) {
    if (mapping.scoreCategory() == null && mapping.scoreValue() == null) {
      return "";
    }
    return (mapping.scoreCategory() == null ? "" : mapping.scoreCategory())
        + " "
        + (mapping.scoreValue() == null ? "" : mapping.scoreValue());
  }

  private static String joinOrNone(List<String> values) {
    return values.isEmpty() ? "none" : String.join(", ", values);
  }

  /** Renders an indented table whose columns are as wide as their widest cell. */
  static String table(List<String> headers, List<List<String>> rows) {
    int[] widths = new int[headers.size()];
    List<List<String>> cut = new ArrayList<>();
    for (List<String> row : rows) {
      List<String> cells = new ArrayList<>();
      for (String cell : row) {
        String clean = cell.replaceAll("\\p{Cntrl}", " ").strip();
        cells.add(
            clean.length() > MAX_CELL_WIDTH
                ? clean.substring(0, MAX_CELL_WIDTH - 3) + "..."
                : clean);
      }
      cut.add(cells);
    }
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : cut) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    appendLine(text, headers, widths);
    for (List<String> row : cut) {
      appendLine(text, row, widths);
    }
    return text.toString();
  }

  private static void appendLine(StringBuilder text, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder(INDENT);
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append("  ");
      }
      line.append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length()));
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }
}
