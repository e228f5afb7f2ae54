package dev.skywarden.core.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.skywarden.core.detect.SigmaDetector;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.hunt.HuntProgress;
import dev.skywarden.core.hunt.HuntResult;
import dev.skywarden.core.hunt.Hunter;
import dev.skywarden.core.hunt.HunterBuilder;
import dev.skywarden.core.input.InputDiscovery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the SigmaHQ cloud rules through the real hunt pipeline (reader, normaliser, Sigma detector,
 * findings) over the public Stratus Red Team logs and Panther test events. It checks that no rule
 * throws on any event and that the measured number of firing rules stays the same; the numbers are
 * listed in docs/sigma-support.md.
 */
class SigmaHqSmokeTest {

  private static final Logger LOG = LoggerFactory.getLogger(SigmaHqSmokeTest.class);

  private static Path dataDirectory() {
    String shared = System.getProperty("skywarden.shared.dir");
    Path base = shared != null ? Path.of(shared) : Path.of("..", "..", "shared");
    return base.resolve("data");
  }

  private static Hunter hunter(SigmaConfig config) throws IOException {
    Path sigmaHq = dataDirectory().resolve("sigmahq");
    SigmaRuleParser parser = new SigmaRuleParser();
    List<SigmaRule> rules = new ArrayList<>();
    for (String folder : List.of("rules", "rules-threat-hunting")) {
      rules.addAll(parser.parseAll(sigmaHq.resolve(folder)).rules());
    }
    SigmaRuleSet set = SigmaRuleSet.compile(rules, List.of(), config);
    return HunterBuilder.empty().detector(new SigmaDetector(set)).threads(1).build();
  }

  /** Hunts through {@code paths}, logs the rules that fired, and returns the result. */
  private static HuntResult hunt(String name, List<String> paths, SigmaConfig config)
      throws Exception {
    HuntResult result =
        hunter(config).hunt(new InputDiscovery().discover(paths), new HuntProgress());
    TreeMap<String, Long> hitsByRule = new TreeMap<>();
    for (Finding finding : result.findings()) {
      hitsByRule.merge(finding.title(), finding.count(), Long::sum);
    }
    LOG.info(
        "{}: {} events, {} findings from {} rules, {} detector errors",
        name,
        result.total().events(),
        result.findings().size(),
        hitsByRule.size(),
        result.detectorErrors());
    hitsByRule.forEach((title, hits) -> LOG.info("  {} hits: {}", hits, title));
    return result;
  }

  private static long firingRules(HuntResult result) {
    return result.findings().stream().map(Finding::ruleId).distinct().count();
  }

  @Test
  void stratusLogs_runWithoutErrors() throws Exception {
    Path logs = dataDirectory().resolve("stratus").resolve("logs");
    assumeThat(Files.isDirectory(logs) && Files.isDirectory(dataDirectory().resolve("sigmahq")))
        .as("Stratus logs or SigmaHQ rules not found under %s; skipping", dataDirectory())
        .isTrue();

    HuntResult result = hunt("stratus", List.of(logs.toString()), SigmaConfig.defaults());

    assertThat(result.detectorErrors()).isZero();
    assertThat(result.total().events()).isEqualTo(STRATUS_EVENTS);
    assertThat(firingRules(result)).isEqualTo(STRATUS_FIRING_RULES);
  }

  @Test
  void pantherEvents_runWithoutErrors() throws Exception {
    Path panther = dataDirectory().resolve("panther");
    assumeThat(Files.isDirectory(panther) && Files.isDirectory(dataDirectory().resolve("sigmahq")))
        .as("Panther events or SigmaHQ rules not found under %s; skipping", dataDirectory())
        .isTrue();
    List<String> files;
    try (Stream<Path> walk = Files.walk(panther)) {
      files =
          walk.filter(path -> path.getFileName().toString().equals("events.jsonl"))
              .map(Path::toString)
              .sorted()
              .toList();
    }

    HuntResult result = hunt("panther", files, SigmaConfig.defaults());
    HuntResult unmapped =
        hunt(
            "panther without field mappings",
            files,
            SigmaConfig.defaults().withFieldMappings(FieldMappings.none()));

    assertThat(result.detectorErrors()).isZero();
    assertThat(result.total().events()).isEqualTo(PANTHER_EVENTS);
    assertThat(firingRules(result)).isEqualTo(PANTHER_FIRING_RULES);
    assertThat(firingRules(unmapped)).isEqualTo(PANTHER_FIRING_RULES_UNMAPPED);
  }

  private static final long STRATUS_EVENTS = 149;
  private static final long STRATUS_FIRING_RULES = 10;
  private static final long PANTHER_EVENTS = 642;
  private static final long PANTHER_FIRING_RULES = 40;
  private static final long PANTHER_FIRING_RULES_UNMAPPED = 35;
}
