package dev.skywarden.core.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingFileReaderTest {

  private static final String METADATA =
      """
        "metadata": {
          "mapping_version": "", "attack_version": "18.1", "technology_domain": "enterprise",
          "creation_date": "01/02/2026", "last_update": "02/03/2026",
          "mapping_framework": "aws", "mapping_framework_version": "01/02/2026",
          "mapping_types": {"technique_scores": {"name": "technique_scores", "description": ""}},
          "capability_groups": {"amazon_guardduty": "Amazon GuardDuty"}
        },
      """;

  private static final String GOOD_RECORD =
      """
          {"attack_object_id": "T1059.009", "attack_object_name": "Cloud API",
           "capability_id": "amazon_guardduty", "capability_description": "Amazon GuardDuty",
           "capability_group": "amazon_guardduty", "mapping_type": "technique_scores",
           "status": "complete", "score_category": "detect", "score_value": "significant",
           "references": [], "comments": "x", "related_score": null}""";

  private static Path write(Path folder, String name, String text) throws IOException {
    Path file = folder.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void read_validFileGivesMappings(@TempDir Path folder) throws IOException {
    Path file =
        write(
            folder,
            "aws.json",
            "{\n" + METADATA + "  \"mapping_objects\": [\n" + GOOD_RECORD + "]}");

    MappingFileReader.Result result = new MappingFileReader().read(file);

    assertThat(result.problems()).isEmpty();
    MappingFile mappings = result.file().orElseThrow();
    assertThat(mappings.framework().key()).isEqualTo("aws");
    assertThat(mappings.framework().attackVersion()).isEqualTo("18.1");
    assertThat(mappings.mappings())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.type()).isEqualTo(MappingType.DETECTS);
              assertThat(m.scoreValue()).isEqualTo("significant");
            });
  }

  @Test
  void read_badRecordsReportedWithPosition(@TempDir Path folder) throws IOException {
    String text =
        "{\n"
            + METADATA
            + "  \"mapping_objects\": [\n"
            + GOOD_RECORD
            + ",\n"
            + "    {\"attack_object_id\": \"T1059.009\", \"capability_id\": \"x\","
            + " \"capability_group\": null, \"mapping_type\": \"technique_scores\","
            + " \"status\": \"done\"},\n"
            + "    {\"attack_object_id\": null, \"capability_id\": \"x\", \"capability_group\": null,"
            + " \"mapping_type\": \"technique_scores\", \"status\": \"complete\"},\n"
            + "    {\"attack_object_id\": \"T1078\", \"capability_id\": \"x\", \"colour\": 1,"
            + " \"mapping_type\": \"technique_scores\", \"status\": \"complete\"},\n"
            + "    {\"attack_object_id\": \"T1078\", \"capability_id\": null, \"capability_group\":"
            + " null, \"mapping_type\": null, \"status\": \"non_mappable\"}\n"
            + "  ]\n}\n";
    Path file = write(folder, "bad.json", text);

    MappingFileReader.Result result = new MappingFileReader().read(file);

    assertThat(result.recordsRead()).isEqualTo(5);
    assertThat(result.recordsRejected()).isEqualTo(3);
    assertThat(result.file().orElseThrow().mappings()).hasSize(1);
    assertThat(result.file().orElseThrow().notComplete()).isEqualTo(1);
    List<String> problems = result.problems().stream().map(MappingProblem::toString).toList();
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(file + ":15:5: /mapping_objects/1/status: invalid value 'done'"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(file + ":16:5: /mapping_objects/2/attack_object_id:")
                    .contains("needs an ATT&CK technique id"));
    assertThat(problems)
        .anySatisfy(
            p -> assertThat(p).startsWith(file + ":17:5: /mapping_objects/3/colour: unknown"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(file + ":17:5: /mapping_objects/3:")
                    .contains("missing required property 'capability_group'"));
  }

  @Test
  void read_badMetadataRejectsFile(@TempDir Path folder) throws IOException {
    Path file =
        write(
            folder,
            "meta.json",
            "{\"metadata\": {\"attack_version\": \"18.1\", \"technology_domain\": \"cloud\"},"
                + " \"mapping_objects\": []}");

    MappingFileReader.Result result = new MappingFileReader().read(file);

    assertThat(result.file()).isEmpty();
    assertThat(result.problems())
        .extracting(MappingProblem::toString)
        .anySatisfy(p -> assertThat(p).contains("missing required property 'mapping_framework'"))
        .anySatisfy(
            p -> assertThat(p).contains("/metadata/technology_domain: invalid value 'cloud'"));
  }

  @Test
  void read_otherJsonFileGivesOneProblem(@TempDir Path folder) throws IOException {
    Path file = write(folder, "schema.json", "{\"$schema\": \"x\", \"title\": \"y\"}");

    MappingFileReader.Result result = new MappingFileReader().read(file);

    assertThat(result.file()).isEmpty();
    assertThat(result.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("missing property 'metadata'"));
  }

  @Test
  void read_invalidJsonNamesLine(@TempDir Path folder) throws IOException {
    Path file = write(folder, "broken.json", "{\n\"metadata\": {\n  \"a\": ,\n}");

    MappingFileReader.Result result = new MappingFileReader().read(file);

    assertThat(result.file()).isEmpty();
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(3);
              assertThat(p.message()).startsWith("invalid JSON");
            });
  }

  @Test
  void import_replacesBundledFramework(@TempDir Path folder) throws IOException {
    write(folder, "aws.json", "{\n" + METADATA + "  \"mapping_objects\": [\n" + GOOD_RECORD + "]}");
    write(folder, "notes.txt", "not read");

    MappingImport imported = new MappingFileReader().readDirectory(folder);
    MappingCatalog catalog = MappingCatalog.bundled().withFiles(imported.files());

    assertThat(imported.files()).hasSize(1);
    assertThat(catalog.frameworks()).hasSize(9);
    assertThat(catalog.mappings("T1059.009"))
        .filteredOn(m -> m.framework().key().equals("aws"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.framework().attackVersion()).isEqualTo("18.1");
              assertThat(m.scoreValue()).isEqualTo("significant");
            });
    assertThat(catalog.mappings("T1078.004")).noneMatch(m -> m.framework().key().equals("aws"));
  }

  @Test
  void import_sharedFilesAreValid() throws IOException {
    Path folder = SharedData.require("data/mappings");

    MappingImport imported = new MappingFileReader().readDirectory(folder);
    MappingCatalog catalog = MappingCatalog.bundled().withFiles(imported.files());

    assertThat(imported.files()).hasSize(9);
    // The only bad record: a complete VERIS mapping without a technique id.
    assertThat(imported.recordsRejected()).isEqualTo(1);
    assertThat(imported.problems())
        .filteredOn(p -> p.file().contains("-enterprise.json"))
        .singleElement()
        .satisfies(p -> assertThat(p.pointer()).startsWith("/mapping_objects/359/"));
    assertThat(catalog.mappings("T1059.009")).hasSize(40);
    assertThat(catalog.mappingCount()).isEqualTo(MappingCatalog.bundled().mappingCount());
  }
}
