package dev.skywarden.core.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table whose columns are as wide as their widest cell, up to a maximum per column.
 * Longer cells are cut and end with an ellipsis. Not thread-safe, so build one per report.
 */
final class TextTable {

  /** The character that marks a cut cell. */
  static final String ELLIPSIS = "\u2026";

  /**
   * One column.
   *
   * @param header the header text
   * @param maxWidth the maximum width in characters, at least 2
   * @param rightAligned true for numbers
   */
  record Column(String header, int maxWidth, boolean rightAligned) {}

  /** One row: the cells, and an ANSI style for the whole row's first cell, or {@code null}. */
  private record Row(List<String> cells, String firstCellStyle) {}

  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";

  private final List<Column> columns;
  private final List<Row> rows = new ArrayList<>();

  TextTable(List<Column> columns) {
    this.columns = List.copyOf(columns);
  }

  /**
   * Adds a row.
   *
   * @param firstCellStyle an ANSI escape sequence for the first cell, used only when rendering with
   *     colour; {@code null} for none
   * @throws IllegalArgumentException when the number of cells differs from the number of columns
   */
  void addRow(List<String> cells, String firstCellStyle) {
    if (cells.size() != columns.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.size() + " cells, table has " + columns.size() + " columns");
    }
    List<String> clean = new ArrayList<>();
    for (String cell : cells) {
      clean.add(cell == null ? "" : cell.replaceAll("[\\p{Cntrl}]", " "));
    }
    rows.add(new Row(clean, firstCellStyle));
  }

  /** Renders the header and rows, each line without trailing spaces and ended by a line break. */
  String render(boolean ansi) {
    int[] widths = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      widths[i] = columns.get(i).header().length();
      for (Row row : rows) {
        widths[i] = Math.max(widths[i], row.cells().get(i).length());
      }
      widths[i] =
          Math.min(
              widths[i], Math.max(columns.get(i).maxWidth(), columns.get(i).header().length()));
    }

    StringBuilder text = new StringBuilder();
    List<String> headers = new ArrayList<>();
    columns.forEach(column -> headers.add(column.header()));
    appendLine(text, headers, widths, ansi ? BOLD : null, true);
    for (Row row : rows) {
      appendLine(text, row.cells(), widths, ansi ? row.firstCellStyle() : null, false);
    }
    return text.toString();
  }

  private void appendLine(
      StringBuilder text, List<String> cells, int[] widths, String style, boolean header) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cut(cells.get(i), widths[i]);
      boolean last = i == cells.size() - 1;
      if (!last || columns.get(i).rightAligned()) {
        cell = pad(cell, widths[i], columns.get(i).rightAligned());
      }
      boolean styled = style != null && (header || i == 0);
      if (i > 0) {
        line.append("  ");
      }
      line.append(styled ? style + cell + RESET : cell);
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }

  /** Cuts text to the width, replacing the last kept character with an ellipsis. */
  static String cut(String text, int width) {
    if (text.length() <= width) {
      return text;
    }
    return text.substring(0, width - 1) + ELLIPSIS;
  }

  private static String pad(String text, int width, boolean right) {
    String padding = " ".repeat(width - text.length());
    return right ? padding + text : text + padding;
  }
}
