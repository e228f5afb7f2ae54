package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skywarden.core.event.Actor;
import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.Api;
import dev.skywarden.core.event.ClientFingerprint;
import dev.skywarden.core.event.ClientKind;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Credential;
import dev.skywarden.core.event.LogKind;
import dev.skywarden.core.event.NetworkInfo;
import dev.skywarden.core.event.NetworkKind;
import dev.skywarden.core.event.Outcome;
import dev.skywarden.core.event.SourceAddress;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.finding.Behaviour;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.Severity;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An identity with no history at all: no saved state, no events in the training window, and no
 * person, role or peer group with history. The case is an office script's IAM user whose scripts
 * run on weekdays only. When the hunt's input starts on a Saturday, its access key, stolen and used
 * on the Sunday from a hosting provider, has nothing to differ from. Only a network first used from
 * a hosting provider or Tor exit is reported then.
 */
class WithoutHistoryTest {

  /** The start of the input, a Saturday. The 24-hour training window ends on Sunday at 00:05. */
  private static final Instant SATURDAY = Instant.parse("2026-01-03T00:05:00Z");

  private static final Instant SUNDAY = Instant.parse("2026-01-04T01:17:00Z");
  private static final String ACCOUNT = "111122223333";
  private static final String OFFICE = "198.51.100.7";
  private static final String VPS = "203.0.113.50";
  private static final String SCRIPT_USER = "arn:aws:iam::" + ACCOUNT + ":user/svc-ledger-sync";
  private static final AnalyticsOptions OPTIONS =
      new AnalyticsOptions(Duration.ofHours(24), AnalyticsLimits.DEFAULTS);

  private static final NetworkInfo HOSTING =
      new NetworkInfo(NetworkKind.HOSTING, "digitalocean", null, null, null, null, "NL", null);
  private static final ClientFingerprint CLI =
      new ClientFingerprint(ClientKind.AWS_CLI, "aws-cli", "2.22.4", List.of("AWS_CLI:aws-cli"));
  private static final ClientFingerprint PACU =
      new ClientFingerprint(
          ClientKind.OFFENSIVE_TOOL, "pacu", "1.5", List.of("OFFENSIVE_TOOL:pacu"));

  private int line;

  private CloudEvent call(
      Actor actor,
      Credential credential,
      Instant time,
      String address,
      NetworkInfo network,
      ClientFingerprint client,
      String service,
      String operation)
      throws UnknownHostException {
    line++;
    return new CloudEvent(
        time,
        LogKind.CLOUDTRAIL,
        "evt-" + line,
        ACCOUNT,
        "eu-west-1",
        actor,
        credential,
        new SourceAddress(InetAddress.getByName(address), null, network),
        client.product(),
        new Api(service, operation, operation.startsWith("Describe")),
        Outcome.SUCCESS,
        List.of(),
        client,
        JsonNodeFactory.instance.objectNode(),
        new SourceLocation("trail.json", line, line));
  }

  /**
   * Returns a person's ordinary calls on Saturday, which start the input and its training window.
   */
  private List<CloudEvent> personsSaturday() throws UnknownHostException {
    Actor ana =
        new Actor(
            ActorType.ROLE_SESSION,
            "AROAEXAMPLE:ana@example.com",
            "arn:aws:sts::"
                + ACCOUNT
                + ":assumed-role/AWSReservedSSO_PowerUser_0a1b/ana@example.com",
            ACCOUNT,
            "arn:aws:iam::" + ACCOUNT + ":role/AWSReservedSSO_PowerUser_0a1b",
            null);
    Credential session = new Credential("ASIAEXAMPLE", Credential.CredentialKind.SESSION, null);
    List<CloudEvent> events = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      events.add(
          call(
              ana,
              session,
              SATURDAY.plusSeconds(60L * i),
              OFFICE,
              null,
              CLI,
              "s3.amazonaws.com",
              "ListBuckets"));
    }
    return events;
  }

  /** Returns six calls of the script user's access key on Sunday, its first in the input. */
  private List<CloudEvent> scriptKeyOnSunday(
      String address, NetworkInfo network, ClientFingerprint client) throws UnknownHostException {
    Actor user = new Actor(ActorType.USER, "AIDAEXAMPLE", SCRIPT_USER, ACCOUNT, null, null);
    Credential key = new Credential("AKIAEXAMPLE", Credential.CredentialKind.ACCESS_KEY, null);
    String[][] calls = {
      {"sts.amazonaws.com", "GetCallerIdentity"},
      {"s3.amazonaws.com", "ListBuckets"},
      {"ec2.amazonaws.com", "DescribeInstances"},
      {"ec2.amazonaws.com", "DescribeSnapshots"},
      {"iam.amazonaws.com", "CreateAccessKey"},
      {"ec2.amazonaws.com", "CreateSnapshot"},
    };
    List<CloudEvent> events = new ArrayList<>();
    for (int i = 0; i < calls.length; i++) {
      events.add(
          call(
              user,
              key,
              SUNDAY.plusSeconds(20L * i),
              address,
              network,
              client,
              calls[i][0],
              calls[i][1]));
    }
    return events;
  }

  private AnalyticsHarness.Outcome hunt(List<CloudEvent> sunday) throws UnknownHostException {
    List<CloudEvent> events = personsSaturday();
    events.addAll(sunday);
    return AnalyticsHarness.run(events, OPTIONS, SavedState.EMPTY);
  }

  private static List<Finding> byPrincipal(AnalyticsHarness.Outcome outcome, String principal) {
    return outcome.behavioural().stream()
        .filter(f -> f.behaviour().identity().equals(principal))
        .toList();
  }

  @Test
  void keyFromHosting_networkMedium() throws Exception {
    AnalyticsHarness.Outcome outcome = hunt(scriptKeyOnSunday(VPS, HOSTING, CLI));

    List<Finding> findings = byPrincipal(outcome, SCRIPT_USER);

    assertThat(outcome.summary().withoutBaseline()).as("principals without history").isOne();
    assertThat(findings)
        .extracting(Finding::ruleId)
        .containsExactly(BehaviouralDetection.NEW_NETWORK.ruleId());
    Finding network = findings.get(0);
    assertThat(network.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(network.behaviour().features())
        .extracting(Behaviour.Feature::kind, Behaviour.Feature::value)
        .containsExactlyInAnyOrder(tuple("network", "203.0.113.0/24"), tuple("country", "NL"));
    assertThat(network.behaviour().history().events()).isZero();
    assertThat(network.behaviour().historyLevel()).isEqualTo("principal");
    assertThat(network.behaviour().peerGroup()).isNull();
    assertThat(network.explanation())
        .contains(
            "was new for principal " + SCRIPT_USER + " from a hosting provider (digitalocean)")
        .contains("with no history to compare with")
        .doesNotContain("never to never");
  }

  @Test
  void keyFromTorExit_networkMedium() throws Exception {
    AnalyticsHarness.Outcome outcome =
        hunt(scriptKeyOnSunday(VPS, NetworkInfo.of(NetworkKind.TOR), CLI));

    List<Finding> findings = byPrincipal(outcome, SCRIPT_USER);

    assertThat(findings)
        .extracting(Finding::ruleId, Finding::severity)
        .containsExactly(tuple(BehaviouralDetection.NEW_NETWORK.ruleId(), Severity.MEDIUM));
    assertThat(findings.get(0).explanation()).contains("from a Tor exit");
  }

  @Test
  void keyFromOffice_notReported() throws Exception {
    AnalyticsHarness.Outcome outcome =
        hunt(scriptKeyOnSunday(OFFICE, NetworkInfo.of(NetworkKind.OTHER), CLI));

    assertThat(byPrincipal(outcome, SCRIPT_USER)).isEmpty();
  }

  @Test
  void keyWithoutNetworkIntel_notReported() throws Exception {
    AnalyticsHarness.Outcome outcome = hunt(scriptKeyOnSunday(VPS, null, CLI));

    assertThat(byPrincipal(outcome, SCRIPT_USER)).isEmpty();
  }

  /** An offensive tool's user agent is left to the rule of the pack that names such agents. */
  @Test
  void offensiveToolFromOffice_notReported() throws Exception {
    AnalyticsHarness.Outcome outcome =
        hunt(scriptKeyOnSunday(OFFICE, NetworkInfo.of(NetworkKind.OTHER), PACU));

    assertThat(byPrincipal(outcome, SCRIPT_USER)).isEmpty();
  }
}
