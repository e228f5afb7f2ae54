package dev.skywarden.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.finding.Technique;
import dev.skywarden.core.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ControlCatalogTest {

  private static final ControlCatalog CATALOG = ControlCatalog.bundled();

  /** Reads the control ids a Mappings Explorer file maps to a technique, as the generator does. */
  private static Set<String> mappedIds(Path file, String techniqueId, boolean nist)
      throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    Set<String> ids = new TreeSet<>();
    for (JsonNode mapping : root.path("mapping_objects")) {
      if (techniqueId.equals(mapping.path("attack_object_id").asText())
          && "complete".equals(mapping.path("status").asText())) {
        String id = mapping.path("capability_id").asText();
        // Mappings Explorer pads NIST numbers (AC-02); the catalogue uses NIST's form (AC-2).
        ids.add(nist ? id.replaceFirst("-0+(\\d)", "-$1") : id);
      }
    }
    return ids;
  }

  @Test
  void cloudApi_nistControlsMatchMappingFile() throws IOException {
    Path file = SharedData.require("data/mappings/nist_800_53-rev5_attack-16.1-enterprise.json");
    Set<String> expected = mappedIds(file, "T1059.009", true);

    Technique technique = CATALOG.technique("T1059.009").orElseThrow();

    assertThat(expected).isNotEmpty();
    assertThat(technique.nistControls()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(technique.nistControls()).doesNotHaveDuplicates();
  }

  @Test
  void cloudApi_csfStatementsMatchMappingFile() throws IOException {
    Path file = SharedData.require("data/mappings/cri_profile-v2.1_attack-16.1-enterprise.json");
    Set<String> expected = mappedIds(file, "T1059.009", false);

    Technique technique = CATALOG.technique("T1059.009").orElseThrow();

    assertThat(expected).isNotEmpty();
    assertThat(technique.csfSubcategories()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void cloudApi_nameAndTactics() {
    Technique technique = CATALOG.technique("T1059.009").orElseThrow();

    assertThat(technique.id()).isEqualTo("T1059.009");
    assertThat(technique.name()).isEqualTo("Cloud API");
    assertThat(technique.tactics()).containsExactly("Execution");
  }

  @Test
  void technique_lookupIgnoresCaseAndSpace() {
    assertThat(CATALOG.technique("t1059.009")).isEqualTo(CATALOG.technique("T1059.009"));
    assertThat(CATALOG.technique(" t1078.004 ")).isEqualTo(CATALOG.technique("T1078.004"));
  }

  @Test
  void technique_unknownIdIsEmpty() {
    assertThat(CATALOG.technique("T9999")).isEmpty();
    assertThat(CATALOG.controlMappings("T9999")).isEmpty();
  }

  @Test
  void resolve_unknownIdGivesPlaceholder() {
    Technique placeholder = CATALOG.resolve("t9999.001");

    assertThat(placeholder.id()).isEqualTo("T9999.001");
    assertThat(placeholder.name()).isEqualTo("T9999.001");
    assertThat(placeholder.tactics()).isEmpty();
    assertThat(placeholder.nistControls()).isEmpty();
    assertThat(placeholder.csfSubcategories()).isEmpty();
  }

  @Test
  void versions_recorded() {
    assertThat(CATALOG.attackVersion()).isEqualTo("18.1");
    assertThat(CATALOG.mappingVersions())
        .extracting(MappingVersion::key, MappingVersion::frameworkVersion)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("nist_800_53_r5", "rev5"),
            org.assertj.core.groups.Tuple.tuple("csf_2_0", "v2.1"));
    assertThat(CATALOG.mappingVersions())
        .allSatisfy(v -> assertThat(v.attackVersion()).isNotBlank());
    assertThat(CATALOG.techniqueCount()).isGreaterThan(600);
  }

  @Test
  void controlNames_andSubcategory() {
    assertThat(CATALOG.nistControlName("AC-6")).contains("Least Privilege");
    assertThat(CATALOG.csfStatementName("PR.AA-05.02")).contains("Privileged system access");
    assertThat(CATALOG.csfSubcategory("PR.AA-05.02")).contains("PR.AA-05");
    assertThat(CATALOG.nistControlName("AC-06")).isEmpty();
  }

  @Test
  void controlMappings_carryRelationLabels() {
    assertThat(CATALOG.controlMappings("T1059.009"))
        .filteredOn(m -> m.framework().equals(ControlCatalog.NIST_800_53_R5))
        .extracting(ControlMapping::id)
        .containsExactlyElementsOf(CATALOG.technique("T1059.009").orElseThrow().nistControls());
    assertThat(CATALOG.controlMappings("T1059.009"))
        .allSatisfy(
            m -> {
              assertThat(m.relation()).isEqualTo("mitigates");
              assertThat(m.inherited()).isFalse();
            });
  }

  @Test
  void subTechniqueWithoutMappings_inheritsParentControls() throws IOException {
    String text =
        """
        {"format_version": 1, "attack": {"version": "18.1"}, "mapping_versions": [],
         "tactics": [{"id": "TA0002", "name": "Execution", "shortname": "execution"}],
         "controls": {"nist_800_53_r5": {"AC-2": {"name": "Account Management"}},
                      "csf_2_0": {"PR.AA-05.02": {"name": "Privileged system access",
                                                  "subcategory": "PR.AA-05"}}},
         "techniques": [
           {"id": "T1059", "name": "Parent", "tactics": ["TA0002"],
            "nist_800_53_r5": {"mitigates": ["AC-2"]}, "csf_2_0": {"mitigates": ["PR.AA-05.02"]}},
           {"id": "T1059.099", "name": "Child", "tactics": ["TA0002"],
            "csf_2_0": {"mitigates": []}}]}
        """;
    ControlCatalog catalog =
        ControlCatalog.read(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "inline");

    Technique child = catalog.technique("T1059.099").orElseThrow();

    assertThat(child.nistControls()).containsExactly("AC-2");
    assertThat(child.csfSubcategories()).isEmpty();
    assertThat(catalog.controlMappings("T1059.099"))
        .singleElement()
        .satisfies(m -> assertThat(m.inherited()).isTrue());
  }

  @Test
  void read_rejectsUnknownFormat() {
    byte[] text = "{\"format_version\": 2}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ControlCatalog.read(new ByteArrayInputStream(text), "broken.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("broken.json")
        .hasMessageContaining("format_version 2");
  }
}
