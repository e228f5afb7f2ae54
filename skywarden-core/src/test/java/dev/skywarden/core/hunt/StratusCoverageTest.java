package dev.skywarden.core.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.finding.Evidence;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.input.InputDiscovery;
import dev.skywarden.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Hunts the public Stratus Red Team detonation logs (CloudTrail records of one attack technique per
 * file) with the built-in pack and checks which techniques the pack covers. Skips when the shared
 * data folder is absent.
 *
 * <p>Every Stratus record carries a {@code stratus-red-team_} user agent, so the offensive-tool
 * rule fires on almost every file. A technique counts as covered only when a finding of another
 * rule has evidence from the technique's file and an ATT&CK tactic (through the techniques the rule
 * tags) equal to the technique's first Stratus tactic.
 */
class StratusCoverageTest {

  /** The rule that matches the Stratus user agent; it does not count towards coverage. */
  static final String OFFENSIVE_USER_AGENT_RULE = "8ae4200f-34e9-412f-b842-5d8f21f29c33";

  /** Techniques with logs that no rule covers, with the reason. */
  static final Map<String, String> NOT_COVERED =
      Map.of(
          "aws.credential-access.secretsmanager-retrieve-secrets",
          "needs a count of GetSecretValue calls per principal; one read of a secret is normal",
          "aws.credential-access.ssm-retrieve-securestring-parameters",
          "needs a count of decrypted GetParameters calls per principal; single reads are normal",
          "aws.execution.ec2-launch-unusual-instances",
          "needs a baseline of the instance types an account launches; no single-record signal");

  /**
   * Techniques whose covering rule tags an ATT&CK technique of another tactic than Stratus's, with
   * the tactic to expect instead.
   *
   * <ul>
   *   <li>Opening port 22 to the internet is Exfiltration for Stratus, but ATT&CK places a firewall
   *       opened by the attacker under Defense Evasion (T1562.007).
   *   <li>A Lambda function that everyone may invoke is Persistence for Stratus. ATT&CK has no
   *       persistence technique for a resource policy that lets outsiders in, so the rule tags
   *       Transfer Data to Cloud Account (T1537, Exfiltration) with an {@code attack.persistence}
   *       tactic tag only.
   * </ul>
   */
  static final Map<String, String> TACTIC_OVERRIDES =
      Map.of(
          "aws.exfiltration.ec2-security-group-open-port-22-ingress", "Defense Evasion",
          "aws.persistence.lambda-backdoor-function", "Exfiltration");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Hunter hunter = HunterBuilder.withBuiltinRules().threads(2).build();

  /** One Stratus technique with detonation logs. */
  record StratusTechnique(String id, List<String> tactics, Path file, long eventCount) {}

  @Test
  void stratusLogs_everyRecordBecomesEvent() throws IOException, InterruptedException {
    Path logs = SharedData.requireData("stratus/logs");
    long expectedRecords = techniques().stream().mapToLong(StratusTechnique::eventCount).sum();

    HuntResult result =
        hunter.hunt(new InputDiscovery().discover(List.of(logs.toString())), new HuntProgress());

    assertThat(result.total().records()).isEqualTo(expectedRecords);
    assertThat(result.total().skipped())
        .as("skipped records: %s", result.total().samples())
        .isZero();
    assertThat(result.total().events()).isEqualTo(expectedRecords);
    assertThat(result.detectorErrors()).isZero();
    assertThat(result.findings()).isNotEmpty();
  }

  @TestFactory
  Stream<DynamicTest> eachTechnique_coveredOrListed() throws IOException {
    SharedData.requireData("stratus/logs");
    return techniques().stream()
        .map(technique -> DynamicTest.dynamicTest(technique.id(), () -> checkCoverage(technique)));
  }

  @Test
  void notCoveredList_namesTechniquesWithLogs() throws IOException {
    SharedData.requireData("stratus/logs");
    Set<String> withLogs =
        techniques().stream().map(StratusTechnique::id).collect(Collectors.toSet());

    assertThat(withLogs).containsAll(NOT_COVERED.keySet());
    assertThat(withLogs).containsAll(TACTIC_OVERRIDES.keySet());
  }

  private void checkCoverage(StratusTechnique technique) throws Exception {
    List<Finding> findings = hunt(technique.file());
    String fileName = technique.file().getFileName().toString();
    List<Finding> fromFile =
        findings.stream()
            .filter(finding -> !finding.ruleId().equals(OFFENSIVE_USER_AGENT_RULE))
            .filter(finding -> hasEvidenceFrom(finding, fileName))
            .collect(Collectors.toList());
    String expectedTactic =
        TACTIC_OVERRIDES.getOrDefault(technique.id(), technique.tactics().get(0));

    if (NOT_COVERED.containsKey(technique.id())) {
      // A rule that starts to cover a listed technique must take it off the list.
      assertThat(fromFile)
          .as("%s is listed as not covered but fired %s", technique.id(), titles(fromFile))
          .isEmpty();
      return;
    }
    assertThat(fromFile).as("findings other than the user-agent rule in %s", fileName).isNotEmpty();
    Set<String> tactics =
        fromFile.stream()
            .flatMap(finding -> finding.techniques().stream())
            .flatMap(found -> found.tactics().stream())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(tactics)
        .as("tactics of %s for %s", titles(fromFile), technique.id())
        .contains(expectedTactic);
  }

  private List<Finding> hunt(Path file) throws IOException, InterruptedException {
    HuntResult result =
        hunter.hunt(new InputDiscovery().discover(List.of(file.toString())), new HuntProgress());
    return result.findings();
  }

  private static boolean hasEvidenceFrom(Finding finding, String fileName) {
    for (Evidence evidence : finding.evidence()) {
      if (evidence.location().input().endsWith(fileName)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> titles(List<Finding> findings) {
    return findings.stream().map(Finding::title).distinct().collect(Collectors.toList());
  }

  /** Returns the techniques of the Stratus index that have a file under {@code logs/}. */
  static List<StratusTechnique> techniques() throws IOException {
    Path stratus = SharedData.requireData("stratus");
    JsonNode index = JSON.readTree(stratus.resolve("index.json").toFile());
    List<StratusTechnique> techniques = new ArrayList<>();
    for (JsonNode entry : index) {
      for (JsonNode file : entry.path("files")) {
        if (!file.asText().startsWith("logs/")) {
          continue;
        }
        List<String> tactics = new ArrayList<>();
        entry.path("mitre_attack_tactics").forEach(tactic -> tactics.add(tactic.asText()));
        techniques.add(
            new StratusTechnique(
                entry.path("technique_id").asText(),
                tactics,
                stratus.resolve(file.asText()),
                entry.path("event_count").asLong()));
      }
    }
    return techniques;
  }
}
