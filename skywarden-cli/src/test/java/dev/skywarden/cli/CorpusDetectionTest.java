package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * OUT/ip-ranges}, and scores each hunt with {@code skywarden score}. The checks use the stricter of
 * the score's two matches: a scenario counts as found only when a finding shows one of its events
 * in its evidence, not merely when a finding of its identities overlaps its time. Prints the score
 * tables that {@code docs/detection-coverage.md} reports. A second corpus, alike but starting on a
 * Saturday, is hunted with the analytics too.
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
  private static int truths;

  @BeforeAll
  static void generate() throws IOException {
    corpus = generate("corpus");
    truths = Files.readAllLines(corpus.resolve("ground-truth.jsonl")).size();
  }

  /** Generates the test's corpus into {@code folder} of the temporary folder, with more options. */
  private static Path generate(String folder, String... options) {
    Path out = temp.resolve(folder);
    List<String> args =
        new ArrayList<>(
            List.of(
                "generate",
                "--out",
                out.toString(),
                "--seed",
                "42",
                "--accounts",
                "6",
                "--identities",
                String.valueOf(PEOPLE),
                "--days",
                String.valueOf(DAYS),
                "-q"));
    args.addAll(List.of(options));
    Cli.Result generated = Cli.run(args.toArray(new String[0]));
    assertThat(generated.exitCode()).as("%s", generated).isZero();
    return out;
  }

  @Test
  void builtinPack_findsScenarios() throws IOException {
    Evaluation evaluation = hunt("rules only");

    assertThat(truths).as("scenarios generated").isEqualTo(14);
    assertThat(evaluation.missed())
        .as("scenarios without a finding that shows their events")
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

    assertThat(evaluation.missed())
        .as("scenarios without a finding that shows their events")
        .isEmpty();
    assertThat(evaluation.rulesByScenario().get("aws-instance-credentials-outside"))
        .as("findings on the instance credentials used outside AWS")
        .contains("Workload credential used away from its workload");
    assertThat(evaluation.rulesByScenario().get("aws-stolen-key-hosting"))
        .as("findings on the stolen key")
        .contains("New client for this identity", "New source network for this identity");
    assertScenarioIncidentsMediumOrHigher(evaluation);
  }

  /**
   * Hunts a corpus that starts on Saturday 2026-01-03. The office scripts' IAM users work on
   * weekdays only, so the stolen key's user has no history in the training window, the Saturday,
   * and no peer with history either. Its use from a hosting provider on the Sunday is still found,
   * as a network first used from a hosting provider.
   */
  @Test
  void saturdayStart_findsAllScenarios() throws IOException {
    Path saturday = generate("corpus-saturday", "--start", "2026-01-03");

    Evaluation evaluation =
        hunt(
            saturday,
            "saturday --analytics --ip-ranges",
            "--analytics",
            "--ip-ranges",
            saturday.resolve("ip-ranges").toString());

    assertThat(evaluation.missed())
        .as("scenarios without a finding that shows their events")
        .isEmpty();
    assertThat(evaluation.rulesByScenario().get("aws-stolen-key-hosting"))
        .as("findings on the stolen key")
        .contains("New source network for this identity");
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

  /**
   * The score of one hunt, as {@code skywarden score --format json} prints it: per scenario the
   * titles of the findings that show its events, and the severities of its attack sequences.
   */
  private record Evaluation(
      Map<String, List<String>> rulesByScenario,
      Map<String, List<String>> incidentSeveritiesByScenario) {

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

  /** Hunts the Monday corpus with {@code options}, then scores the findings with {@code score}. */
  private static Evaluation hunt(String mode, String... options) throws IOException {
    return hunt(corpus, mode, options);
  }

  /**
   * Hunts {@code folder}'s corpus with {@code options}, then scores the findings with {@code
   * score}.
   */
  private static Evaluation hunt(Path folder, String mode, String... options) throws IOException {
    int scenarios = Files.readAllLines(folder.resolve("ground-truth.jsonl")).size();
    Path output = temp.resolve("findings-" + mode.replaceAll("[^a-z]+", "-") + ".jsonl");
    List<String> args =
        new ArrayList<>(List.of("hunt", "--format", "jsonl", "--output", output.toString()));
    args.addAll(List.of(options));
    args.add(folder.resolve("logs").toString());
    Cli.Result result = Cli.run(args.toArray(new String[0]));
    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.err()).as("hunt summary").contains(", 0 skipped");

    Cli.Result table = Cli.run("score", folder.toString(), output.toString());
    assertThat(table.exitCode()).as("%s", table).isZero();
    System.out.println("hunt " + mode + "\n" + table.out());

    Cli.Result scored = Cli.run("score", "--format", "json", folder.toString(), output.toString());
    assertThat(scored.exitCode()).as("%s", scored).isZero();
    JsonNode score = JSON.readTree(scored.out());
    assertThat(score.get("skipped_lines").asInt()).as("findings lines skipped").isZero();
    assertThat(score.get("scenarios_total").asInt()).as("scenarios scored").isEqualTo(scenarios);

    Map<String, List<String>> rulesByScenario = new TreeMap<>();
    Map<String, List<String>> incidentSeveritiesByScenario = new TreeMap<>();
    for (JsonNode scenario : score.get("scenarios")) {
      String id = scenario.get("scenario").asText();
      rulesByScenario.put(id, texts(scenario.get("evidence_titles")));
      List<String> severities = texts(scenario.get("incident_severities"));
      if (!severities.isEmpty()) {
        incidentSeveritiesByScenario.put(id, severities);
      }
    }
    return new Evaluation(rulesByScenario, incidentSeveritiesByScenario);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }
}
