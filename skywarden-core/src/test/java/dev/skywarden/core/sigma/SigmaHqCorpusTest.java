package dev.skywarden.core.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.skywarden.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads every folder of the public SigmaHQ rule corpus from the shared data folder in
 * collect-errors mode. It checks that every rejected rule fails with a located {@link
 * SigmaRuleException} (the parser never leaks another exception), that every loaded rule compiles,
 * and that the counts of loaded and rejected rules, by reason, are the ones measured, so a change
 * in what the engine accepts fails here. The counts are listed in docs/sigma-support.md.
 */
class SigmaHqCorpusTest {

  private static final Logger LOG = LoggerFactory.getLogger(SigmaHqCorpusTest.class);

  /** Placeholder values for the rules-placeholder folder, written for this test. */
  private static final String PLACEHOLDERS =
      """
      Legitimate_Countries: [DE, FR]
      Legitimate_IP_Ranges: ['192.0.2.*']
      UnLegitCountries: [XX]
      UnApprovedIp: ['198.51.100.7']
      UnApprovedDevice: [unknown-device]
      KNOWN_LOCATION: [DE]
      Known_Location: [DE]
      Important_AppIds: [00000000-0000-0000-0000-000000000001]
      HomeTenantID: [00000000-0000-0000-0000-0000000000aa]
      ApprovedUserUpn: [admin@example.com]
      Approved_Inviters: [admin@example.com]
      LegitCountries: [DE]
      ClosingTime: ['18:00']
      """;

  private static Path sigmaHqDirectory() {
    return SharedData.root().resolve("data").resolve("sigmahq");
  }

  /** Loaded and rejected counts of one folder, rejections keyed by exception class. */
  private record FolderCounts(int loaded, int filters, Map<String, Integer> rejected) {}

  private static FolderCounts load(Path directory, SigmaConfig config) throws IOException {
    SigmaParseResult result = new SigmaRuleParser(config).parseAll(directory);
    Map<String, Integer> rejected = new TreeMap<>();
    for (SigmaRuleException error : result.errors()) {
      assertThat(error.line()).as("line of %s", error.getMessage()).isPositive();
      assertThat(error.column()).as("column of %s", error.getMessage()).isPositive();
      rejected.merge(error.getClass().getSimpleName(), 1, Integer::sum);
      LOG.info("  rejected {}", error.getMessage());
    }
    SigmaRuleSet set = SigmaRuleSet.compile(result, config);
    assertThat(set.size()).isEqualTo(result.rules().size());
    LOG.info(
        "{}: loaded {} rules ({} indexed), {} filters, rejected {}",
        directory.getFileName(),
        set.size(),
        set.indexedRuleCount(),
        result.filters().size(),
        rejected);
    return new FolderCounts(result.rules().size(), result.filters().size(), rejected);
  }

  @Test
  void corpus_loadsWithMeasuredCounts() throws IOException {
    Path root = sigmaHqDirectory();
    assumeThat(Files.isDirectory(root.resolve("rules")))
        .as("SigmaHQ rules not found under %s; skipping the corpus test", root)
        .isTrue();
    SigmaConfig plain = SigmaConfig.defaults();

    assertThat(load(root.resolve("rules"), plain)).isEqualTo(new FolderCounts(249, 0, Map.of()));
    assertThat(load(root.resolve("rules-threat-hunting"), plain))
        .isEqualTo(new FolderCounts(4, 0, Map.of()));
    assertThat(load(root.resolve("deprecated"), plain))
        .isEqualTo(new FolderCounts(4, 0, Map.of("SigmaPlaceholderException", 3)));
    assertThat(load(root.resolve("unsupported"), plain))
        .isEqualTo(new FolderCounts(1, 0, Map.of("SigmaConditionException", 8)));
  }

  @Test
  void placeholderRules_needPlaceholderValues() throws IOException {
    Path folder = sigmaHqDirectory().resolve("rules-placeholder");
    assumeThat(Files.isDirectory(folder))
        .as("SigmaHQ rules-placeholder not found at %s; skipping", folder)
        .isTrue();

    FolderCounts without = load(folder, SigmaConfig.defaults());
    SigmaConfig withValues =
        SigmaConfig.defaults()
            .withPlaceholders(PlaceholderSet.parse("placeholders.yml", PLACEHOLDERS));
    FolderCounts with = load(folder, withValues);

    assertThat(without).isEqualTo(new FolderCounts(0, 0, Map.of("SigmaPlaceholderException", 8)));
    assertThat(with).isEqualTo(new FolderCounts(8, 0, Map.of()));
    assertThat(List.of(without.loaded(), with.loaded())).containsExactly(0, 8);
  }
}
