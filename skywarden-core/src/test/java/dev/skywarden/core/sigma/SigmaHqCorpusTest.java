package dev.skywarden.core.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.skywarden.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the public SigmaHQ rule corpus from the shared data folder in collect-errors mode. It
 * checks that every rejected rule fails with a {@link SigmaRuleException} (the parser never leaks
 * another exception), that most rules load, and that every loaded rule compiles.
 */
class SigmaHqCorpusTest {

  private static final int MAX_SAMPLES = 25;

  private static final Logger LOG = LoggerFactory.getLogger(SigmaHqCorpusTest.class);

  private static Path sigmaHqDirectory() {
    return SharedData.root().resolve("data").resolve("sigmahq");
  }

  @Test
  void corpus_loadsWithOnlySigmaErrors() throws IOException {
    Path root = sigmaHqDirectory();
    assumeThat(Files.isDirectory(root.resolve("rules")))
        .as("SigmaHQ rules not found under %s; skipping the corpus test", root)
        .isTrue();
    SigmaRuleParser parser = new SigmaRuleParser();
    int loaded = 0;
    int rejected = 0;
    Map<String, Integer> reasons = new TreeMap<>();
    List<String> samples = new ArrayList<>();

    for (String folder : new String[] {"rules", "rules-threat-hunting"}) {
      Path directory = root.resolve(folder);
      if (!Files.isDirectory(directory)) {
        continue;
      }
      SigmaParseResult result = parser.parseAll(directory);
      loaded += result.rules().size();
      rejected += result.errors().size();
      for (SigmaRuleException error : result.errors()) {
        if (samples.size() < MAX_SAMPLES) {
          samples.add(error.getMessage());
        }
        reasons.merge(
            error.getClass().getSimpleName() + ": " + shortReason(error), 1, Integer::sum);
      }
      SigmaRuleSet set = SigmaRuleSet.compile(result.rules());
      assertThat(set.size()).isEqualTo(result.rules().size());
      LOG.info(
          "{}: {} of {} rules indexed by a discriminating field",
          folder,
          set.indexedRuleCount(),
          set.size());
    }

    LOG.info("SigmaHQ corpus: loaded {} rules, rejected {}", loaded, rejected);
    reasons.forEach((reason, count) -> LOG.info("  {} x {}", count, reason));
    samples.forEach(sample -> LOG.info("  sample: {}", sample));
    assertThat(loaded).isGreaterThan(0);
    assertThat(rejected).as("rejected rules: %s", reasons).isLessThan(loaded / 10 + 1);
  }

  /** Keeps the reason up to the first quote, so counts group by kind rather than by value. */
  private static String shortReason(SigmaRuleException error) {
    String reason = error.reason();
    int quote = reason.indexOf('\'');
    return quote > 0 ? reason.substring(0, quote) + "..." : reason;
  }
}
