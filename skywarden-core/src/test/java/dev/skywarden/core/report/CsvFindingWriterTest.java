package dev.skywarden.core.report;

import static dev.skywarden.core.finding.TestHits.event;
import static dev.skywarden.core.finding.TestHits.hit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.finding.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFindingWriterTest {

  /** Parses RFC 4180 text: quoted fields may contain commas, doubled quotes and line breaks. */
  static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        assertThat(field).as("quote inside an unquoted field at %d", i).isEmpty();
        quoted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\r') {
        assertThat(text.charAt(i + 1)).as("CR must be followed by LF at %d", i).isEqualTo('\n');
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
        i++;
      } else {
        assertThat(c).as("bare LF at %d", i).isNotEqualTo('\n');
        field.append(c);
      }
    }
    assertThat(quoted).as("unterminated quoted field").isFalse();
    assertThat(record).as("last record ends with CRLF").isEmpty();
    return records;
  }

  @Test
  void row_neutralizesFormulaCells() {
    String line =
        CsvFindingWriter.row(
            List.of("=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tcmd", "plain", ""));

    List<String> fields = parse(line).get(0);

    assertThat(fields)
        .containsExactly(
            "'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "'\tcmd", "plain", "");
  }

  @Test
  void output_headerAndOneRowPerFinding() throws IOException {
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(
        hit("rule-a", Severity.HIGH, event("alice", 1, 7, "AKIA1", "198.51.100.1", "CreateUser")));
    aggregator.add(
        hit("rule-b", Severity.LOW, event("bob", 2, 8, null, "198.51.100.2", "ListUsers")));
    StringWriter out = new StringWriter();
    new CsvFindingWriter()
        .write(aggregator.findings(), new HuntSummary("0.1.0", Instant.EPOCH, List.of()), out);

    List<List<String>> records = parse(out.toString());
    assertThat(records).hasSize(3);
    assertThat(records.get(0)).isEqualTo(CsvFindingWriter.HEADER);
    assertThat(records.get(1)).hasSize(CsvFindingWriter.HEADER.size());
    assertThat(records.get(1).get(1)).isEqualTo("high");
    assertThat(records.get(1).get(6)).isEqualTo("arn:aws:iam::111122223333:user/alice");
    assertThat(records.get(1).get(11)).contains("T1059.009 Cloud API");
    assertThat(records.get(2).get(1)).isEqualTo("low");
  }

  @Test
  void fields_withCommasQuotesAndNewlinesRoundTrip() {
    List<String> fields = List.of("plain", "a,b", "say \"hi\"", "line1\nline2", "cr\r\nlf", "");

    String row = CsvFindingWriter.row(fields);

    assertThat(row)
        .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\",\"cr\r\nlf\",\r\n");
    assertThat(parse(row)).containsExactly(fields);
  }
}
