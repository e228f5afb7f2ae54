package dev.skywarden.core.mappings;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes one CSV row per mapping with a header, quoted as RFC 4180 specifies, lines ended by CRLF.
 * The coverage join is not in the CSV, so tools that need it read the JSON format.
 */
final class MappingCsvWriter implements MappingViewWriter {

  static final List<String> HEADER =
      List.of(
          "technique_id",
          "technique_name",
          "framework",
          "framework_version",
          "attack_version",
          "capability_id",
          "capability_name",
          "capability_group",
          "mapping_type",
          "score_category",
          "score_value");

  @Override
  public void write(TechniqueView view, Writer out) throws IOException {
    writeRow(HEADER, out);
    for (FrameworkMappings group : view.frameworks()) {
      for (Mapping mapping : group.mappings()) {
        writeRow(row(mapping, view.technique().name()), out);
      }
    }
  }

  @Override
  public void write(ControlView view, Writer out) throws IOException {
    writeRow(HEADER, out);
    for (FrameworkMappings group : view.frameworks()) {
      for (Mapping mapping : group.mappings()) {
        String name =
            view.techniques().stream()
                .filter(t -> t.id().equals(mapping.techniqueId()))
                .map(AttackTechnique::name)
                .findFirst()
                .orElse("");
        writeRow(row(mapping, name), out);
      }
    }
  }

  private static List<String> row(Mapping mapping, String techniqueName) {
    Framework framework = mapping.framework();
    return List.of(
        mapping.techniqueId(),
        techniqueName,
        framework.key(),
        framework.frameworkVersion(),
        framework.attackVersion(),
        mapping.capability().id(),
        mapping.capability().name(),
        mapping.capability().group(),
        mapping.type().label(),
        nullToEmpty(mapping.scoreCategory()),
        nullToEmpty(mapping.scoreValue()));
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  private static void writeRow(List<String> cells, Writer out) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(quote(cells.get(i)));
    }
    out.write("\r\n");
  }

  /** Quotes a cell that contains a comma, quote, CR or LF, doubling inner quotes. */
  static String quote(String cell) {
    if (cell.indexOf(',') < 0
        && cell.indexOf('"') < 0
        && cell.indexOf('\n') < 0
        && cell.indexOf('\r') < 0) {
      return cell;
    }
    return '"' + cell.replace("\"", "\"\"") + '"';
  }
}
