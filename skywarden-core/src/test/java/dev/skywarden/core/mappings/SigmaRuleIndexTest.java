package dev.skywarden.core.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigmaRuleIndexTest {

  private static final String RULE =
      """
      title: Test Cloud API Rule
      id: 0b5c1d7e-1111-4222-8333-944455556666
      level: high
      tags:
        - attack.execution
        - attack.T1059.009
        - attack.t1651
      logsource: {product: aws, service: cloudtrail}
      detection:
        selection: {eventName: RunInstances}
        condition: selection
      """;

  @Test
  void builtin_skipsTestFilesAndReadsTags() {
    SigmaRuleIndex index = SigmaRuleIndex.builtin();

    assertThat(index.problems()).isEmpty();
    assertThat(index.detections()).hasSizeGreaterThan(10);
    assertThat(index.detections()).noneMatch(d -> d.origin().endsWith(".tests.yml"));
    assertThat(index.detections())
        .allSatisfy(d -> assertThat(d.origin()).startsWith("built-in:"))
        .anySatisfy(d -> assertThat(d.techniqueIds()).contains("T1059.009"));
  }

  @Test
  void loaded_readsRulesAndReportsBadFiles(@TempDir Path folder) throws IOException {
    Files.writeString(folder.resolve("cloud_api.yml"), RULE);
    Files.writeString(folder.resolve("cloud_api.tests.yml"), "events: []\n");
    Files.writeString(folder.resolve("broken.yaml"), "title: [unclosed\n");
    Files.writeString(folder.resolve("notes.txt"), "ignored");

    SigmaRuleIndex index = SigmaRuleIndex.loaded(List.of(folder));

    assertThat(index.detections())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(Detection.DetectionKind.LOADED_RULE);
              assertThat(d.title()).isEqualTo("Test Cloud API Rule");
              assertThat(d.level()).isEqualTo("high");
              assertThat(d.techniqueIds()).containsExactly("T1059.009", "T1651");
            });
    assertThat(index.problems())
        .singleElement()
        .satisfies(p -> assertThat(p).contains("broken.yaml").contains("invalid YAML"));
  }

  @Test
  void loaded_ruleJoinsTechniqueView(@TempDir Path folder) throws IOException {
    Files.writeString(folder.resolve("rule.yml"), RULE);
    MappingExplorer explorer =
        new MappingExplorer(
            MappingCatalog.bundled(),
            List.of(SigmaRuleIndex.builtin(), SigmaRuleIndex.loaded(List.of(folder))));

    TechniqueCoverage coverage = explorer.technique("T1651", List.of()).coverage();

    assertThat(coverage.detections()).extracting(Detection::title).contains("Test Cloud API Rule");
    assertThat(coverage.sources()).containsExactly("built-in Sigma rules", "loaded Sigma rules");
  }

  @Test
  void loaded_missingPathFails(@TempDir Path folder) {
    Path missing = folder.resolve("nope");

    assertThatThrownBy(() -> SigmaRuleIndex.loaded(List.of(missing)))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("nope");
  }
}
