package dev.skywarden.core.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.mappings.MappingViewWriter.Format;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingViewWriterTest {

  private static final MappingExplorer EXPLORER =
      new MappingExplorer(MappingCatalog.bundled(), List.of(SigmaRuleIndex.builtin()));
  private static final TechniqueView CLOUD_API = EXPLORER.technique("T1059.009", List.of());

  private static String render(Format format, TechniqueView view) throws IOException {
    StringWriter out = new StringWriter();
    MappingViewWriter.forFormat(format).write(view, out);
    return out.toString();
  }

  @Test
  void csv_oneRowPerMapping() throws IOException {
    String[] lines = render(Format.CSV, CLOUD_API).split("\r\n");

    assertThat(lines).hasSize(41);
    assertThat(lines[0]).isEqualTo(String.join(",", MappingCsvWriter.HEADER));
    assertThat(lines)
        .contains(
            "T1059.009,Cloud API,aws,12/12/2024,16.1,amazon_guardduty,Amazon GuardDuty,"
                + "amazon_guardduty,detects,detect,partial");
  }

  @Test
  void csv_quotesSpecialCells() {
    assertThat(MappingCsvWriter.quote("plain")).isEqualTo("plain");
    assertThat(MappingCsvWriter.quote("a, b")).isEqualTo("\"a, b\"");
    assertThat(MappingCsvWriter.quote("say \"x\"")).isEqualTo("\"say \"\"x\"\"\"");
  }

  @Test
  void json_carriesVersionsAndCoverage() throws IOException {
    JsonNode root = new ObjectMapper().readTree(render(Format.JSON, CLOUD_API));

    assertThat(root.path("technique").path("id").asText()).isEqualTo("T1059.009");
    assertThat(root.path("mapping_count").asInt()).isEqualTo(40);
    assertThat(root.path("frameworks")).hasSize(9);
    JsonNode first = root.path("frameworks").path(0);
    assertThat(first.path("framework_version").asText()).isNotBlank();
    assertThat(first.path("attack_version").asText()).isNotBlank();
    JsonNode coverage = root.path("coverage");
    assertThat(coverage.path("detections").size()).isPositive();
    assertThat(coverage.path("posture_check_count").asInt()).isZero();
    assertThat(coverage.path("controls")).hasSize(24);
  }

  @Test
  void table_showsFrameworksAndHonestGaps() throws IOException {
    String text = render(Format.TABLE, CLOUD_API);

    assertThat(text).startsWith("T1059.009  Cloud API\n");
    assertThat(text).contains("Tactics:    Execution\n");
    assertThat(text).contains("Mappings Explorer: 40 mappings in 9 frameworks");
    assertThat(text).contains("NIST SP 800-53 r5 (nist_800_53 rev5, ATT&CK 16.1): 6");
    assertThat(text).contains("  AC-6  Least Privilege  ");
    assertThat(text).contains("Posture checks: none yet");
    assertThat(text).contains("Mapped controls not evidenced by Skywarden yet: 24");
    assertThat(text).contains("AWS CloudShell Session Started");
  }

  @Test
  void table_controlView() throws IOException {
    StringWriter out = new StringWriter();
    MappingViewWriter.forFormat(Format.TABLE).write(EXPLORER.control("ac_06", List.of()), out);

    assertThat(out.toString()).startsWith("Control ac_06: ");
    assertThat(out.toString()).contains("AC-6     T1059.009  Cloud API");
  }

  @Test
  void table_cutsLongCells() {
    String text = MappingTableWriter.table(List.of("A"), List.of(List.of("x".repeat(80))));

    assertThat(text.lines().toList().get(1)).hasSize(2 + MappingTableWriter.MAX_CELL_WIDTH);
    assertThat(text).contains("...");
  }
}
