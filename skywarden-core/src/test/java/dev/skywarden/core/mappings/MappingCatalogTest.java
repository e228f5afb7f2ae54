package dev.skywarden.core.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MappingCatalogTest {

  private static final MappingCatalog CATALOG = MappingCatalog.bundled();

  /** The number of complete T1059.009 mappings in each framework's Mappings Explorer file. */
  private static final Map<String, Long> CLOUD_API_COUNTS =
      Map.of(
          "aws", 1L,
          "azure", 2L,
          "cri_profile", 3L,
          "csa_ccm", 8L,
          "gcp", 1L,
          "m365", 9L,
          "nist_800_53_r4", 7L,
          "nist_800_53_r5", 6L,
          "veris", 3L);

  private static Map<String, Long> countsByFramework(List<Mapping> mappings) {
    return mappings.stream()
        .collect(
            Collectors.groupingBy(m -> m.framework().key(), TreeMap::new, Collectors.counting()));
  }

  @Test
  void cloudApi_fortyMappingsByFramework() {
    List<Mapping> mappings = CATALOG.mappings("T1059.009");

    assertThat(mappings).hasSize(40);
    assertThat(countsByFramework(mappings)).isEqualTo(new TreeMap<>(CLOUD_API_COUNTS));
  }

  @Test
  void cloudApi_mappingsEqualSharedFiles() throws IOException {
    Path folder = SharedData.require("data/mappings");
    List<String> expected = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(p -> p.toString().endsWith("-enterprise.json")).sorted().toList();
    }
    for (Path file : files) {
      JsonNode root = new ObjectMapper().readTree(file.toFile());
      JsonNode metadata = root.path("metadata");
      String key =
          FrameworkKeys.key(
              metadata.path("mapping_framework").asText(),
              metadata.path("mapping_framework_version").asText());
      for (JsonNode record : root.path("mapping_objects")) {
        if ("T1059.009".equals(record.path("attack_object_id").asText())
            && "complete".equals(record.path("status").asText())) {
          String id = record.path("capability_id").asText();
          expected.add(
              key
                  + " "
                  + ControlIds.key(id)
                  + " "
                  + record.path("score_category").asText("")
                  + " "
                  + record.path("score_value").asText(""));
        }
      }
    }

    List<String> actual = new ArrayList<>();
    for (Mapping mapping : CATALOG.mappings("T1059.009")) {
      actual.add(
          mapping.framework().key()
              + " "
              + ControlIds.key(mapping.capability().id())
              + " "
              + (mapping.scoreCategory() == null ? "" : mapping.scoreCategory())
              + " "
              + (mapping.scoreValue() == null ? "" : mapping.scoreValue()));
    }

    assertThat(expected).hasSize(40);
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void cloudApi_techniqueDetails() {
    AttackTechnique technique = CATALOG.technique("t1059.009").orElseThrow();

    assertThat(technique.name()).isEqualTo("Cloud API");
    assertThat(technique.tactics()).containsExactly("Execution");
    assertThat(technique.platforms()).contains("IaaS");
    assertThat(technique.active()).isTrue();
    assertThat(technique.parentId()).isEqualTo("T1059");
  }

  @Test
  void cloudApi_typesAndScores() {
    List<Mapping> mappings = CATALOG.mappings("T1059.009");

    assertThat(mappings)
        .filteredOn(m -> m.framework().key().equals("nist_800_53_r5"))
        .extracting(m -> m.capability().id())
        .containsExactlyInAnyOrder("AC-2", "AC-3", "AC-6", "CM-7", "IA-2", "SI-4");
    assertThat(mappings)
        .filteredOn(m -> m.framework().key().equals("nist_800_53_r4"))
        .allSatisfy(m -> assertThat(m.type()).isEqualTo(MappingType.PROTECTS));
    assertThat(mappings)
        .filteredOn(m -> m.framework().key().equals("veris"))
        .allSatisfy(m -> assertThat(m.type()).isEqualTo(MappingType.RELATED_TO))
        .extracting(m -> m.capability().name())
        .contains("Abuse of functionality");
    assertThat(mappings)
        .filteredOn(m -> m.framework().key().equals("aws"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.capability().name()).isEqualTo("Amazon GuardDuty");
              assertThat(m.type()).isEqualTo(MappingType.DETECTS);
              assertThat(m.scoreValue()).isEqualTo("partial");
            });
    assertThat(mappings)
        .filteredOn(m -> m.framework().key().equals("cri_profile"))
        .extracting(m -> m.capability().id())
        .containsExactlyInAnyOrder("PR.AA-05.02", "DE.CM-06.02", "PR.IR-01.06");
  }

  @Test
  void frameworksNamed_acceptsLabelInParentheses() {
    List<Framework> csf = CATALOG.frameworksNamed("CSF 2.0");

    assertThat(csf).extracting(Framework::label).containsExactly("CRI Profile (CSF 2.0)");
    assertThat(CATALOG.frameworksNamed("")).isEmpty();
  }

  @Test
  void versions_recordedPerFramework() {
    assertThat(CATALOG.attackVersion()).isEqualTo("18.1");
    assertThat(CATALOG.frameworks()).extracting(Framework::key).hasSize(9);
    Framework r5 = CATALOG.frameworksNamed("NIST SP 800-53 r5").get(0);
    assertThat(r5.frameworkVersion()).isEqualTo("rev5");
    assertThat(r5.attackVersion()).isEqualTo("16.1");
    assertThat(r5.file()).isEqualTo("nist_800_53-rev5_attack-16.1-enterprise.json");
    assertThat(CATALOG.frameworksNamed("csa_ccm").get(0).attackVersion()).isEqualTo("17.1");
    assertThat(CATALOG.frameworksNamed("nist_800_53")).hasSize(2);
  }

  @Test
  void parent_listsSubTechniques() {
    assertThat(CATALOG.technique("T1059")).isPresent();
    assertThat(CATALOG.subTechniques("T1059"))
        .extracting(AttackTechnique::id)
        .contains("T1059.001", "T1059.009")
        .allSatisfy(id -> assertThat(id).startsWith("T1059."));
    assertThat(CATALOG.subTechniques("T1059.009")).isEmpty();
  }

  @Test
  void mappedOnlyTechnique_isInactive() {
    assertThat(CATALOG.technique("T1574.002"))
        .hasValueSatisfying(t -> assertThat(t.active()).isFalse());
  }

  @Test
  void read_rejectsUnknownFormat() {
    byte[] text = "{\"format_version\": 7}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> MappingCatalog.read(new ByteArrayInputStream(text), "old.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("old.json")
        .hasMessageContaining("format_version 7");
  }
}
