package dev.skywarden.core.posture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the IAM credential report CSV into one JSON object per row, keyed by the header. AWS
 * writes no quoted fields in this report, but quoted fields are read all the same.
 */
final class CredentialReportCsv {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * The columns the checks read; a report without one would make its checks pass for want of data.
   */
  static final List<String> REQUIRED_COLUMNS =
      List.of(
          "user",
          "arn",
          "user_creation_time",
          "password_enabled",
          "password_last_used",
          "mfa_active",
          "access_key_1_active",
          "access_key_1_last_rotated",
          "access_key_1_last_used_date",
          "access_key_2_active",
          "access_key_2_last_rotated",
          "access_key_2_last_used_date");

  private CredentialReportCsv() {}

  /** Tells whether a first line is the header of a credential report. */
  static boolean looksLikeHeader(String line) {
    List<String> columns = split(line.toLowerCase(Locale.ROOT).strip());
    return columns.contains("user") && columns.contains("arn") && columns.contains("mfa_active");
  }

  /**
   * Parses the report.
   *
   * @throws PostureInputException when a required column is missing or a row has a different number
   *     of fields from the header
   */
  static ArrayNode parse(String text, String file) throws PostureInputException {
    List<String> lines = text.lines().toList();
    if (lines.isEmpty() || !looksLikeHeader(lines.get(0))) {
      throw new PostureInputException(
          file, "line 1: expected a credential report header with user, arn and mfa_active");
    }
    List<String> header = split(lines.get(0).strip().toLowerCase(Locale.ROOT));
    for (String column : REQUIRED_COLUMNS) {
      if (!header.contains(column)) {
        throw new PostureInputException(
            file,
            "line 1: credential report has no column '"
                + column
                + "', which the MFA, root and staleness checks need");
      }
    }
    ArrayNode rows = MAPPER.createArrayNode();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      List<String> fields = split(line);
      if (fields.size() != header.size()) {
        throw new PostureInputException(
            file,
            "line "
                + (i + 1)
                + ": "
                + fields.size()
                + " fields, but the header has "
                + header.size());
      }
      ObjectNode row = rows.addObject();
      for (int c = 0; c < header.size(); c++) {
        row.put(header.get(c), fields.get(c));
      }
      row.put("_line", i + 1);
    }
    return rows;
  }

  private static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
