package dev.skywarden.core.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table whose columns are as wide as their widest cell, up to a maximum per column.
 * Longer cells are cut and end with an ellipsis, or have it in the middle for columns whose end
 * tells values apart (ARNs). Given a line width, the table narrows its widest columns until the
 * lines fit. Control, format and separator characters in cells are shown as escapes ({@link
 * VisibleText}), so log data can neither move the terminal cursor nor reorder a line. Not
 * thread-safe, so build one per report.
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
   * @param cutMiddle true to cut long cells in the middle, keeping their start and end
   */
  record Column(String header, int maxWidth, boolean rightAligned, boolean cutMiddle) {

    /** Creates a column whose long cells are cut at the end. */
    Column(String header, int maxWidth, boolean rightAligned) {
      this(header, maxWidth, rightAligned, false);
    }
  }

  /** The narrowest a column becomes when the table is fitted to a line width, in characters. */
  static final int MIN_FITTED_WIDTH = 8;

  private static final int GAP = 2;

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
      clean.add(cell == null ? "" : VisibleText.escape(cell));
    }
    rows.add(new Row(clean, firstCellStyle));
  }

  /** Renders the header and rows, each line without trailing spaces and ended by a line break. */
  String render(boolean ansi) {
    return render(ansi, 0);
  }

  /**
   * Renders the table at most {@code lineWidth} characters wide where it can: the widest columns
   * lose a character at a time, down to {@value #MIN_FITTED_WIDTH} or their header's length, and
   * right-aligned (number) columns never shrink. When that is not enough, lines stay longer.
   *
   * @param lineWidth the line width in characters, or 0 or less for no limit
   */
  String render(boolean ansi, int lineWidth) {
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
    if (lineWidth > 0) {
      fit(widths, lineWidth);
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
      String cell =
          columns.get(i).cutMiddle() && !header
              ? cutMiddle(cells.get(i), widths[i])
              : cut(cells.get(i), widths[i]);
      boolean last = i == cells.size() - 1;
      if (!last || columns.get(i).rightAligned()) {
        cell = pad(cell, widths[i], columns.get(i).rightAligned());
      }
      boolean styled = style != null && (header || i == 0);
      if (i > 0) {
        line.append(" ".repeat(GAP));
      }
      line.append(styled ? style + cell + RESET : cell);
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }

  /** Narrows the widest shrinkable column by one character until the line fits or none can. */
  private void fit(int[] widths, int lineWidth) {
    int total = GAP * (widths.length - 1);
    for (int width : widths) {
      total += width;
    }
    while (total > lineWidth) {
      int widest = -1;
      for (int i = 0; i < widths.length; i++) {
        Column column = columns.get(i);
        int min = Math.max(MIN_FITTED_WIDTH, column.header().length());
        if (!column.rightAligned()
            && widths[i] > min
            && (widest < 0 || widths[i] > widths[widest])) {
          widest = i;
        }
      }
      if (widest < 0) {
        return;
      }
      widths[widest]--;
      total--;
    }
  }

  /**
   * Cuts text to the width with an ellipsis in the middle: a third of the kept characters from the
   * start and the rest from the end, such as {@code arn:aws:iam::1111…:user/svc-repo-sync}.
   */
  static String cutMiddle(String text, int width) {
    if (text.length() <= width) {
      return text;
    }
    int kept = width - 1;
    int head = kept / 3;
    int tail = kept - head;
    return text.substring(0, head) + ELLIPSIS + text.substring(text.length() - tail);
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
