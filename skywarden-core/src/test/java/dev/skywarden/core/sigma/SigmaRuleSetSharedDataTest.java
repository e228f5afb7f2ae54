package dev.skywarden.core.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.detect.BuiltinRules;
import dev.skywarden.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks that the index of {@link SigmaRuleSet} changes no result: with the built-in pack and the
 * SigmaHQ cloud rules, every Stratus Red Team detonation record matches the same rules through
 * {@link SigmaRuleSet#match} as through evaluating every rule.
 */
class SigmaRuleSetSharedDataTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void index_matchesLikeFullScanOnStratusLogs() throws IOException {
    Path rulesFolder = SharedData.requireData("sigmahq/rules");
    Path logs = SharedData.requireData("stratus/logs");
    SigmaConfig config = SigmaConfig.defaults();
    SigmaParseResult parsed = new SigmaRuleParser(config).parseAll(rulesFolder);
    List<SigmaRule> rules = new ArrayList<>(BuiltinRules.loadPack().rules());
    rules.addAll(parsed.rules());
    SigmaRuleSet set = SigmaRuleSet.compile(rules, parsed.filters(), config);

    int events = 0;
    int matches = 0;
    for (JsonNode document : documents(logs)) {
      // Each record as logged, and once with an error code and a root caller, so rules indexed
      // by those fields see values that select them.
      ObjectNode denied = document.deepCopy();
      denied.put("errorCode", "AccessDenied");
      denied.putObject("userIdentity").put("type", "Root");
      for (JsonNode variant : List.of(document, denied)) {
        SigmaEvent event = SigmaEvent.of("aws", "cloudtrail", null, variant);
        List<String> fullScan =
            set.rules().stream()
                .filter(rule -> rule.matches(event))
                .map(rule -> rule.rule().title())
                .toList();
        List<String> indexed = set.match(event).stream().map(rule -> rule.rule().title()).toList();

        assertThat(indexed).as("%s", variant).isEqualTo(fullScan);
        events++;
        matches += fullScan.size();
      }
    }
    assertThat(set.indexedRuleCount()).isGreaterThan(set.size() / 2);
    assertThat(events).isGreaterThan(200);
    assertThat(matches).isPositive();
  }

  private static List<JsonNode> documents(Path logs) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(logs)) {
      files = listing.filter(path -> path.toString().endsWith(".json")).sorted().toList();
    }
    List<JsonNode> documents = new ArrayList<>();
    for (Path file : files) {
      MAPPER.readTree(file.toFile()).forEach(documents::add);
    }
    return documents;
  }
}
