package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.incident.AttackSequencer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates a small corpus with every attack scenario, hunts it with {@code skywarden hunt} as a
 * user would, once with the built-in pack only and once with {@code --analytics --ip-ranges
 * OUT/ip-ranges}, and checks which scenarios got a finding: a finding whose principal is one of the
 * scenario's identities and whose time range overlaps the scenario's. Prints the per-scenario table
 * and the false positives that {@code docs/detection-coverage.md} reports.
 */
class CorpusDetectionTest {

  private static final int PEOPLE = 60;
  private static final int DAYS = 2;

  /** Scenarios that the built-in pack alone does not find, with the reason. */
  static final Map<String, String> MISSING_WITHOUT_ANALYTICS =
      Map.of(
          "aws-stolen-key-hosting",
          "needs a per-key baseline of networks and clients: the calls themselves are ordinary",
          "aws-instance-credentials-outside",
          "needs network intel to see an instance-profile session called from a hosting provider");

  private static final Set<String> SEVERITIES_MEDIUM_OR_HIGHER =
      Set.of("medium", "high", "critical");

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path temp;

  private static Path corpus;
  private static List<JsonNode> truths;
  private static int machineIdentities;

  @BeforeAll
  static void generate() throws IOException {
    corpus = temp.resolve("corpus");
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

    truths = new ArrayList<>();
    for (String line : Files.readAllLines(corpus.resolve("ground-truth.jsonl"))) {
      truths.add(JSON.readTree(line));
    }
    machineIdentities =
        JSON.readTree(corpus.resolve("corpus.json").toFile()).get("machineIdentities").asInt();
  }

  @Test
  void builtinPack_findsScenarios() throws IOException {
    Evaluation evaluation = hunt("rules only");

    assertThat(truths).as("scenarios generated").hasSize(14);
    assertThat(evaluation.missed())
        .as("scenarios without a finding")
        .isEqualTo(new TreeSet<>(MISSING_WITHOUT_ANALYTICS.keySet()));
    assertThat(evaluation.rulesByScenario().get("entra-app-credential-added"))
        .as("findings on the Entra ID application credential")
        .contains("Entra ID Credentials Added to an Application or Service Principal");
    assertScenarioIncidentsMediumOrHigher(evaluation);
  }

  @Test
  void analyticsWithRanges_findAllScenarios() throws IOException {
    Evaluation evaluation =
        hunt(
            "--analytics --ip-ranges",
            "--analytics",
            "--ip-ranges",
            corpus.resolve("ip-ranges").toString());

    assertThat(evaluation.missed()).as("scenarios without a finding").isEmpty();
    assertThat(evaluation.rulesByScenario().get("aws-instance-credentials-outside"))
        .as("findings on the instance credentials used outside AWS")
        .contains("Workload credential used away from its workload");
    assertThat(evaluation.rulesByScenario().get("aws-stolen-key-hosting"))
        .as("findings on the stolen key")
        .contains("New client for this identity", "New source network for this identity");
    assertScenarioIncidentsMediumOrHigher(evaluation);
  }

  /**
   * Checks that the attack sequences of the inserted attacks are medium or higher, so that the
   * severity rule that keeps chains of low steps low does not lower a real attack's incident.
   */
  private static void assertScenarioIncidentsMediumOrHigher(Evaluation evaluation) {
    assertThat(evaluation.incidentSeveritiesByScenario())
        .as("scenarios with an attack sequence")
        .hasSizeGreaterThanOrEqualTo(6);
    evaluation
        .incidentSeveritiesByScenario()
        .forEach(
            (scenario, severities) ->
                assertThat(severities)
                    .as("attack sequence severities of %s", scenario)
                    .allMatch(SEVERITIES_MEDIUM_OR_HIGHER::contains));
  }

  /** The findings of one hunt matched against the ground truth. */
  private record Evaluation(
      Map<String, List<String>> rulesByScenario,
      Map<String, List<String>> incidentSeveritiesByScenario,
      List<JsonNode> unmatched,
      int findings) {

    TreeSet<String> missed() {
      TreeSet<String> missed = new TreeSet<>();
      rulesByScenario.forEach(
          (id, rules) -> {
            if (rules.isEmpty()) {
              missed.add(id);
            }
          });
      return missed;
    }
  }

  private static Evaluation hunt(String mode, String... options) throws IOException {
    Path output = temp.resolve("findings-" + mode.replaceAll("[^a-z]+", "-") + ".jsonl");
    List<String> args =
        new ArrayList<>(List.of("hunt", "--format", "jsonl", "--output", output.toString()));
    args.addAll(List.of(options));
    args.add(corpus.resolve("logs").toString());
    Cli.Result result = Cli.run(args.toArray(new String[0]));
    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.err()).as("hunt summary").contains(", 0 skipped");

    List<JsonNode> findings = new ArrayList<>();
    for (String line : Files.readAllLines(output)) {
      findings.add(JSON.readTree(line));
    }
    Map<String, List<String>> rulesByScenario = new TreeMap<>();
    Map<String, List<String>> incidentSeveritiesByScenario = new TreeMap<>();
    List<JsonNode> unmatched = new ArrayList<>(findings);
    for (JsonNode truth : truths) {
      List<String> rules = new ArrayList<>();
      for (JsonNode finding : findings) {
        if (matches(finding, truth)) {
          rules.add(finding.get("title").asText());
          unmatched.remove(finding);
          if (finding.get("rule_id").asText().equals(AttackSequencer.RULE_ID)) {
            incidentSeveritiesByScenario
                .computeIfAbsent(truth.get("scenario").asText(), id -> new ArrayList<>())
                .add(finding.get("severity").asText());
          }
        }
      }
      rulesByScenario.put(truth.get("scenario").asText(), rules);
    }
    Evaluation evaluation =
        new Evaluation(rulesByScenario, incidentSeveritiesByScenario, unmatched, findings.size());
    printTable(mode, evaluation);
    return evaluation;
  }

  private static boolean matches(JsonNode finding, JsonNode truth) {
    boolean identity = false;
    for (JsonNode name : truth.get("identities")) {
      identity |= name.asText().equals(finding.get("principal").asText());
    }
    Instant start = Instant.parse(truth.get("start").asText());
    Instant end = Instant.parse(truth.get("end").asText());
    Instant first = Instant.parse(finding.get("first_seen").asText());
    Instant last = Instant.parse(finding.get("last_seen").asText());
    return identity && !first.isAfter(end) && !last.isBefore(start);
  }

  private static void printTable(String mode, Evaluation evaluation) {
    StringBuilder table = new StringBuilder();
    table.append("hunt ").append(mode).append('\n');
    table.append("| Scenario | ATT&CK | Found | Findings |\n|---|---|---|---|\n");
    for (JsonNode truth : truths) {
      String id = truth.get("scenario").asText();
      List<String> techniques = new ArrayList<>();
      truth.get("techniques").forEach(t -> techniques.add(t.asText()));
      List<String> rules = evaluation.rulesByScenario().get(id);
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s |%n",
              id,
              String.join(", ", techniques),
              rules.isEmpty() ? "no" : "yes",
              rules.isEmpty()
                  ? MISSING_WITHOUT_ANALYTICS.getOrDefault(id, "")
                  : String.join("; ", new TreeSet<>(rules))));
    }

    List<JsonNode> unmatched = evaluation.unmatched();
    long mediumOrHigher =
        unmatched.stream()
            .filter(f -> SEVERITIES_MEDIUM_OR_HIGHER.contains(f.get("severity").asText()))
            .count();
    int identities = PEOPLE + machineIdentities;
    table.append(
        String.format(
            Locale.ROOT,
            "%nfindings: %d, outside scenarios: %d (%d medium or higher); identities: %d people +"
                + " %d machine; per 1,000 identities per day: %.0f all, %.0f medium or higher%n",
            evaluation.findings(),
            unmatched.size(),
            mediumOrHigher,
            PEOPLE,
            machineIdentities,
            unmatched.size() * 1000.0 / identities / DAYS,
            mediumOrHigher * 1000.0 / identities / DAYS));
    Map<String, Integer> byRule = new TreeMap<>();
    unmatched.forEach(
        f ->
            byRule.merge(
                f.get("title").asText() + " | " + f.get("severity").asText(), 1, Integer::sum));
    byRule.forEach(
        (rule, count) ->
            table.append("| ").append(rule).append(" | ").append(count).append(" |\n"));
    System.out.println(table);
  }
}
