package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Person and role history levels, thin-history severity and the hour of day as evidence: CI runs
 * and a person's sessions in other accounts are judged against their role's or person's history,
 * while a stolen session still fires.
 */
class HistoryLevelsTest {

  private static final Instant DAY_1 = Instant.parse("2026-03-02T08:00:00Z");
  private static final Instant DAY_2 = DAY_1.plus(Duration.ofDays(1));
  private static final String OFFICE = "198.51.100.7";
  private static final String ACCOUNT_A = "111122223333";
  private static final String ACCOUNT_B = "444455556666";
  private static final AnalyticsOptions OPTIONS =
      new AnalyticsOptions(Duration.ofHours(24), AnalyticsLimits.DEFAULTS);

  private static final ClientFingerprint CLI =
      new ClientFingerprint(ClientKind.AWS_CLI, "aws-cli", "2.15.0", List.of("AWS_CLI:aws-cli"));
  private static final ClientFingerprint CLOUD_SHELL =
      new ClientFingerprint(
          ClientKind.CLOUD_SHELL,
          "aws-cloudshell",
          null,
          List.of("CLOUD_SHELL:aws-cloudshell", "AWS_CLI:aws-cli"));
  private static final ClientFingerprint PYTHON =
      new ClientFingerprint(
          ClientKind.SCRIPTED_HTTP, "python-requests", "2.31", List.of("SCRIPTED_HTTP:requests"));

  private int line;

  /** One call of a role session named {@code session} of {@code role} in {@code account}. */
  private CloudEvent call(
      String account,
      String role,
      String session,
      Instant time,
      String address,
      NetworkInfo network,
      ClientFingerprint client,
      String operation,
      Outcome outcome)
      throws UnknownHostException {
    line++;
    return new CloudEvent(
        time,
        LogKind.CLOUDTRAIL,
        "evt-" + line,
        account,
        "eu-west-1",
        new Actor(
            ActorType.ROLE_SESSION,
            "AROA" + role.hashCode() + ":" + session,
            "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session,
            account,
            "arn:aws:iam::" + account + ":role/" + role,
            null),
        new Credential("ASIA" + session.hashCode(), Credential.CredentialKind.SESSION, null),
        new SourceAddress(InetAddress.getByName(address), null, network),
        client.product(),
        new Api(
            operation.startsWith("iam") ? "iam.amazonaws.com" : "s3.amazonaws.com",
            operation.substring(operation.indexOf(' ') + 1),
            Boolean.FALSE),
        outcome,
        List.of(),
        client,
        JsonNodeFactory.instance.objectNode(),
        new SourceLocation("trail.json", line, line));
  }

  /** {@code count} ordinary calls a minute apart from {@code start}. */
  private List<CloudEvent> calls(
      String account,
      String role,
      String session,
      Instant start,
      int count,
      String address,
      ClientFingerprint client)
      throws UnknownHostException {
    List<CloudEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(
          call(
              account,
              role,
              session,
              start.plusSeconds(60L * i),
              address,
              null,
              client,
              "s3 ListBuckets",
              Outcome.SUCCESS));
    }
    return events;
  }

  private static List<Finding> behavioural(List<CloudEvent> events) {
    return AnalyticsHarness.run(events, OPTIONS, SavedState.EMPTY).behavioural();
  }

  @Test
  void ciRole_newRunSessionsQuiet() throws Exception {
    String deploy = "deploy";
    List<CloudEvent> events = new ArrayList<>();
    for (int run = 1; run <= 3; run++) {
      Instant start = DAY_1.plusSeconds(run * 7200L);
      events.addAll(calls(ACCOUNT_A, deploy, "GitHubActions-" + run, start, 60, OFFICE, CLI));
      events.addAll(
          calls(
              ACCOUNT_A,
              deploy,
              "GitHubActions-" + run,
              start.plusSeconds(3600),
              5,
              OFFICE,
              PYTHON));
    }
    // The fourth run has history of its own in the training window (the AWS CLI only), so it is
    // not compared with peers. Its later scripted calls are new for it but not for its role.
    events.addAll(calls(ACCOUNT_A, deploy, "GitHubActions-4", DAY_2, 60, OFFICE, CLI));
    events.addAll(
        calls(
            ACCOUNT_A,
            deploy,
            "GitHubActions-4",
            DAY_2.plus(Duration.ofHours(4)),
            5,
            OFFICE,
            PYTHON));

    List<Finding> findings = behavioural(events);

    assertThat(findings).as("findings on the fourth CI run").isEmpty();
  }

  @Test
  void personNewPermissionSet_knownCloudShellQuiet() throws Exception {
    String ana = "ana@example.com";
    List<CloudEvent> events = new ArrayList<>();
    events.addAll(
        calls(ACCOUNT_A, "AWSReservedSSO_PowerUser_0a1b", ana, DAY_1, 60, OFFICE, CLOUD_SHELL));
    // Her session in the second account has history of its own, the AWS CLI only, before she
    // opens CloudShell there after the training window.
    String readOnly = "AWSReservedSSO_ReadOnly_2c3d";
    events.addAll(
        calls(ACCOUNT_B, readOnly, ana, DAY_1.plus(Duration.ofHours(3)), 60, OFFICE, CLI));
    events.addAll(
        calls(ACCOUNT_B, readOnly, ana, DAY_2.plus(Duration.ofHours(2)), 30, OFFICE, CLOUD_SHELL));

    List<Finding> findings = behavioural(events);

    assertThat(findings).as("findings on ana's session in the second account").isEmpty();
  }

  @Test
  void stolenSession_stillFiresAtMedium() throws Exception {
    String ana = "ana@example.com";
    NetworkInfo hosting =
        new NetworkInfo(NetworkKind.HOSTING, "digitalocean", null, null, null, null, "NL", null);
    List<CloudEvent> events = new ArrayList<>();
    events.addAll(calls(ACCOUNT_A, "AWSReservedSSO_PowerUser_0a1b", ana, DAY_1, 60, OFFICE, CLI));
    events.addAll(calls(ACCOUNT_A, "AWSReservedSSO_PowerUser_0a1b", ana, DAY_2, 30, OFFICE, CLI));
    for (int i = 0; i < 5; i++) {
      events.add(
          call(
              ACCOUNT_A,
              "AWSReservedSSO_PowerUser_0a1b",
              ana,
              DAY_2.plusSeconds(7200 + i),
              "203.0.113.50",
              hosting,
              PYTHON,
              "s3 ListBuckets",
              Outcome.SUCCESS));
    }

    List<Finding> findings = behavioural(events);

    assertThat(findings)
        .filteredOn(f -> f.ruleId().equals(BehaviouralDetection.NEW_CLIENT.ruleId()))
        .extracting(Finding::severity)
        .containsExactly(Severity.MEDIUM);
    assertThat(findings)
        .filteredOn(f -> f.ruleId().equals(BehaviouralDetection.NEW_NETWORK.ruleId()))
        .extracting(Finding::severity)
        .containsExactly(Severity.MEDIUM);
    Behaviour behaviour = findings.get(0).behaviour();
    assertThat(behaviour.historyLevel()).isEqualTo("person");
    assertThat(behaviour.history().source()).contains("person ana@example.com");
    assertThat(findings.get(0).explanation()).contains("joined with its person's other identities");
  }

  @Test
  void thinHistory_newClientFromKnownNetworkLow() throws Exception {
    String ana = "ana@example.com";
    List<CloudEvent> events = new ArrayList<>();
    events.addAll(calls(ACCOUNT_A, "AWSReservedSSO_PowerUser_0a1b", ana, DAY_1, 60, OFFICE, CLI));
    events.addAll(
        calls(ACCOUNT_A, "AWSReservedSSO_PowerUser_0a1b", ana, DAY_2, 30, OFFICE, CLOUD_SHELL));

    List<Finding> findings = behavioural(events);

    assertThat(findings)
        .filteredOn(f -> f.ruleId().equals(BehaviouralDetection.NEW_CLIENT.ruleId()))
        .extracting(Finding::severity)
        .containsExactly(Severity.LOW);
  }

  @Test
  void soloPeerGroup_notCompared() throws Exception {
    String ana = "ana@example.com";
    List<CloudEvent> events = new ArrayList<>();
    events.addAll(calls(ACCOUNT_A, "AWSReservedSSO_PowerUser_0a1b", ana, DAY_1, 60, OFFICE, CLI));
    events.addAll(
        calls(ACCOUNT_A, "AWSReservedSSO_PowerUser_0a1b", ana, DAY_2, 30, OFFICE, CLOUD_SHELL));

    List<Finding> findings = behavioural(events);

    // Ana is the only member of her peer groups, so comparing her with them adds nothing and the
    // finding must not claim a peer comparison.
    assertThat(findings)
        .filteredOn(f -> f.ruleId().equals(BehaviouralDetection.NEW_CLIENT.ruleId()))
        .extracting(f -> f.behaviour().peerGroup())
        .containsExactly((String) null);
  }

  @Test
  void deniedSensitiveOperation_low() throws Exception {
    String ana = "ana@example.com";
    List<CloudEvent> events = new ArrayList<>();
    events.addAll(calls(ACCOUNT_A, "AWSReservedSSO_ReadOnly_0a1b", ana, DAY_1, 60, OFFICE, CLI));
    events.add(
        call(
            ACCOUNT_A,
            "AWSReservedSSO_ReadOnly_0a1b",
            ana,
            DAY_2,
            OFFICE,
            null,
            CLI,
            "iam CreateAccessKey",
            new Outcome(false, "AccessDenied", "not authorized")));

    List<Finding> findings = behavioural(events);

    assertThat(findings)
        .filteredOn(f -> f.ruleId().equals(BehaviouralDetection.FIRST_SENSITIVE_OPERATION.ruleId()))
        .extracting(Finding::severity)
        .containsExactly(Severity.LOW);
  }

  @Test
  void newHour_onlyWithAWeekOfHistory() throws Exception {
    String ana = "ana@example.com";
    String role = "AWSReservedSSO_PowerUser_0a1b";
    List<CloudEvent> week = new ArrayList<>();
    for (int day = 0; day < 8; day++) {
      week.addAll(calls(ACCOUNT_A, role, ana, DAY_1.plus(Duration.ofDays(day)), 30, OFFICE, CLI));
    }
    SavedState shortState =
        AnalyticsHarness.run(week.subList(0, 60), OPTIONS, SavedState.EMPTY).state();
    SavedState weekState = AnalyticsHarness.run(week, OPTIONS, SavedState.EMPTY).state();
    // A new client at 23:00 UTC, an hour ana never worked in.
    List<CloudEvent> night =
        calls(
            ACCOUNT_A,
            role,
            ana,
            DAY_1.plus(Duration.ofDays(9)).plus(Duration.ofHours(15)),
            3,
            OFFICE,
            CLOUD_SHELL);

    AnalyticsOptions stateOnly = OPTIONS.withTrainingWindow(Duration.ZERO);
    List<Finding> afterTwoDays = AnalyticsHarness.run(night, stateOnly, shortState).behavioural();
    List<Finding> afterAWeek = AnalyticsHarness.run(night, stateOnly, weekState).behavioural();

    assertThat(afterTwoDays).hasSize(1);
    assertThat(afterTwoDays.get(0).behaviour().features())
        .extracting(Behaviour.Feature::kind)
        .containsExactly("client");
    assertThat(afterAWeek).hasSize(1);
    assertThat(afterAWeek.get(0).behaviour().features())
        .extracting(Behaviour.Feature::kind)
        .containsExactly("client", "hour");
    assertThat(afterAWeek.get(0).severity())
        .as("the hour never raises a finding")
        .isEqualTo(Severity.LOW);
  }
}
