package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.hunt.HuntProgress;
import dev.skywarden.core.hunt.HuntResult;
import dev.skywarden.core.hunt.HunterBuilder;
import dev.skywarden.core.input.InputDiscovery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates a small corpus with every attack scenario, hunts it with the built-in pack, and checks
 * which scenarios got a finding: a finding whose principal is one of the scenario's identities and
 * whose time range overlaps the scenario's. Prints the per-scenario table and the false positives
 * that {@code docs/detection-coverage.md} reports.
 */
class CorpusDetectionTest {

  private static final int PEOPLE = 60;
  private static final int DAYS = 2;

  /**
   * Scenarios that the built-in Sigma pack cannot find, with the reason.
   *
   * <p>TODO: these need behavioural analytics (a baseline per identity of networks, clients and
   * denied calls); move each to the found set when the analytics detectors land.
   */
  static final Map<String, String> EXPECTED_MISSING =
      Map.of(
          "aws-stolen-key-hosting",
          "needs a per-key baseline of networks and clients: the calls themselves are ordinary",
          "aws-instance-credentials-outside",
          "needs to know that an instance-profile session called from outside AWS",
          "entra-app-credential-added",
          "no built-in rule reads Entra ID audit logs yet");

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  @Test
  void builtinPack_findsScenarios() throws Exception {
    Path corpus = temp.resolve("corpus");
    Cli.Result generated =
        Cli.run(
            "generate",
            "--out",
            corpus.toString(),
            "--seed",
            "42",
            "--accounts",
            "6",
            "--identities",
            String.valueOf(PEOPLE),
            "--days",
            String.valueOf(DAYS),
            "-q");
    assertThat(generated.exitCode()).as("%s", generated).isZero();

    List<JsonNode> truths = new ArrayList<>();
    for (String line : Files.readAllLines(corpus.resolve("ground-truth.jsonl"))) {
      truths.add(JSON.readTree(line));
    }
    HuntResult result =
        HunterBuilder.withBuiltinRules()
            .threads(2)
            .build()
            .hunt(
                new InputDiscovery().discover(List.of(corpus.resolve("logs").toString())),
                new HuntProgress());
    assertThat(result.total().skipped()).as("skipped records").isZero();

    Map<String, List<String>> rulesByScenario = new TreeMap<>();
    List<Finding> unmatched = new ArrayList<>(result.findings());
    for (JsonNode truth : truths) {
      List<String> rules = new ArrayList<>();
      for (Finding finding : result.findings()) {
        if (matches(finding, truth)) {
          rules.add(finding.title());
          unmatched.remove(finding);
        }
      }
      rulesByScenario.put(truth.get("scenario").asText(), rules);
    }

    printTable(truths, rulesByScenario, unmatched, result.findings().size());

    TreeSet<String> found = new TreeSet<>();
    TreeSet<String> missed = new TreeSet<>();
    rulesByScenario.forEach((id, rules) -> (rules.isEmpty() ? missed : found).add(id));
    assertThat(truths).as("scenarios generated").hasSize(14);
    assertThat(missed)
        .as("scenarios without a finding")
        .isEqualTo(new TreeSet<>(EXPECTED_MISSING.keySet()));
    assertThat(found).as("scenarios found").hasSize(truths.size() - EXPECTED_MISSING.size());
  }

  private static boolean matches(Finding finding, JsonNode truth) {
    boolean identity = false;
    for (JsonNode name : truth.get("identities")) {
      identity |= name.asText().equals(finding.principal());
    }
    Instant start = Instant.parse(truth.get("start").asText());
    Instant end = Instant.parse(truth.get("end").asText());
    return identity && !finding.firstSeen().isAfter(end) && !finding.lastSeen().isBefore(start);
  }

  private static void printTable(
      List<JsonNode> truths,
      Map<String, List<String>> rulesByScenario,
      List<Finding> unmatched,
      int findings) {
    int falsePositives = unmatched.size();
    StringBuilder table = new StringBuilder();
    table.append("| Scenario | ATT&CK | Found | Rules |\n|---|---|---|---|\n");
    for (JsonNode truth : truths) {
      String id = truth.get("scenario").asText();
      List<String> techniques = new ArrayList<>();
      truth.get("techniques").forEach(t -> techniques.add(t.asText()));
      List<String> rules = rulesByScenario.get(id);
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s |%n",
              id,
              String.join(", ", techniques),
              rules.isEmpty() ? "no" : "yes",
              rules.isEmpty()
                  ? EXPECTED_MISSING.getOrDefault(id, "")
                  : String.join("; ", new TreeSet<>(rules))));
    }
    double perThousandPerDay = falsePositives * 1000.0 / PEOPLE / DAYS;
    table.append(
        String.format(
            Locale.ROOT,
            "%nfindings: %d, outside scenarios: %d, per 1,000 people per day: %.0f%n",
            findings,
            falsePositives,
            perThousandPerDay));
    Map<String, Integer> byRule = new TreeMap<>();
    unmatched.forEach(f -> byRule.merge(f.title(), 1, Integer::sum));
    byRule.forEach(
        (rule, count) ->
            table.append("| ").append(rule).append(" | ").append(count).append(" |\n"));
    System.out.println(table);
  }
}
