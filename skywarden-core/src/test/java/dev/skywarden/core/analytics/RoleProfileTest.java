package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skywarden.core.event.Actor;
import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.Api;
import dev.skywarden.core.event.ClientFingerprint;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.event.Credential;
import dev.skywarden.core.event.LogKind;
import dev.skywarden.core.event.Outcome;
import dev.skywarden.core.event.SourceAddress;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.finding.Finding;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Principal profile keys of AWS role sessions: sessions with generated names share their role's
 * profile, while person-like and chosen names keep their own.
 */
class RoleProfileTest {

  private static final String ACCOUNT = "111122223333";
  private static final String DEPLOY = "arn:aws:iam::" + ACCOUNT + ":role/deploy";
  private static final Instant DAY_1 = Instant.parse("2026-03-02T08:00:00Z");
  private static final Instant DAY_2 = DAY_1.plus(Duration.ofDays(1)).plus(Duration.ofHours(2));
  private static final AnalyticsOptions OPTIONS =
      new AnalyticsOptions(Duration.ofHours(24), AnalyticsLimits.DEFAULTS);

  private int line;

  private CloudEvent call(
      String role, String issuer, String session, Instant time, String operation, String address)
      throws Exception {
    line++;
    return new CloudEvent(
        time,
        LogKind.CLOUDTRAIL,
        "evt-" + line,
        ACCOUNT,
        "eu-west-1",
        new Actor(
            ActorType.ROLE_SESSION,
            "AROA" + role.hashCode() + ":" + session,
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/" + session,
            ACCOUNT,
            issuer,
            null),
        new Credential("ASIA" + session.hashCode(), Credential.CredentialKind.SESSION, null),
        new SourceAddress(InetAddress.getByName(address), null, null),
        "aws-cli/2.15.0",
        new Api(
            operation.startsWith("iam") ? "iam.amazonaws.com" : "s3.amazonaws.com",
            operation.substring(operation.indexOf(' ') + 1),
            Boolean.FALSE),
        Outcome.SUCCESS,
        List.of(),
        ClientFingerprint.UNKNOWN,
        JsonNodeFactory.instance.objectNode(),
        new SourceLocation("trail.json", line, line));
  }

  private CloudEvent deploy(String session, Instant time) throws Exception {
    return call("deploy", DEPLOY, session, time, "s3 ListBuckets", "198.51.100.7");
  }

  /** {@code count} calls of one session a minute apart. */
  private List<CloudEvent> run(String session, Instant start, int count) throws Exception {
    List<CloudEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(deploy(session, start.plusSeconds(60L * i)));
    }
    return events;
  }

  /** Returns the sorted ids of the principal profiles that a run over {@code events} builds. */
  private static List<String> principalProfiles(List<CloudEvent> events) {
    AnalyticsRun run =
        (AnalyticsRun)
            new BehaviouralAnalytics(OPTIONS, SavedState.EMPTY, state -> {}, Clock.systemUTC())
                .startRun();
    events.forEach(event -> run.detect(event, hit -> {}));
    return run.profiles().stream()
        .filter(p -> p.key().scope() == ProfileKey.Scope.PRINCIPAL)
        .map(p -> p.key().id())
        .sorted()
        .toList();
  }

  @Test
  void ciRuns_shareRoleProfile() throws Exception {
    List<CloudEvent> events = new ArrayList<>();
    events.addAll(run("GitHubActions-10000101", DAY_1, 3));
    events.addAll(run("GitHubActions-10000102", DAY_2, 3));

    assertThat(principalProfiles(events)).containsExactly(DEPLOY);
  }

  @Test
  void ssoUsers_keepOwnProfiles() throws Exception {
    String role = "AWSReservedSSO_Admin_0a1b2c3d";
    String issuer = "arn:aws:iam::" + ACCOUNT + ":role/aws-reserved/sso.amazonaws.com/" + role;
    List<CloudEvent> events = new ArrayList<>();
    for (String user : List.of("ana@example.com", "bo@example.com", "u1234567")) {
      events.add(call(role, issuer, user, DAY_1, "s3 ListBuckets", "198.51.100.7"));
    }

    String session = "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/";
    assertThat(principalProfiles(events))
        .containsExactly(
            session + "ana@example.com", session + "bo@example.com", session + "u1234567");
  }

  @Test
  void chosenSessionName_keepsOwnProfile() throws Exception {
    List<CloudEvent> events = new ArrayList<>();
    events.addAll(run("nightly-backup", DAY_1, 3));
    events.addAll(run("i-0abc123def4567890", DAY_1, 3));
    events.addAll(run("botocore-session-1772438400", DAY_1, 3));

    assertThat(principalProfiles(events))
        .containsExactly(DEPLOY, "arn:aws:sts::" + ACCOUNT + ":assumed-role/deploy/nightly-backup");
  }

  @Test
  void missingIssuer_roleFromSessionArn() throws Exception {
    List<CloudEvent> events = new ArrayList<>();
    events.add(call("deploy", null, "GitHubActions-10000101", DAY_1, "s3 ListBuckets", "10.0.0.1"));
    events.add(
        call("deploy", DEPLOY, "GitHubActions-10000102", DAY_1, "s3 ListBuckets", "10.0.0.1"));

    assertThat(principalProfiles(events)).containsExactly(DEPLOY);
  }

  @Test
  void ciRoleCallBurst_judgedAgainstRoleRate() throws Exception {
    List<CloudEvent> events = new ArrayList<>();
    for (int r = 0; r < 20; r++) {
      events.addAll(run("GitHubActions-100001" + (10 + r), DAY_1.plusSeconds(1800L * r), 10));
    }
    String burst = "GitHubActions-10000200";
    for (int i = 0; i < 150; i++) {
      events.add(deploy(burst, DAY_2.plusMillis(400L * i)));
    }

    List<Finding> findings = AnalyticsHarness.run(events, OPTIONS, SavedState.EMPTY).behavioural();

    // Each run alone has no history to measure a rate against, but the role has 40 active buckets.
    assertThat(findings)
        .extracting(Finding::ruleId)
        .containsExactly(BehaviouralDetection.CALL_RATE.ruleId());
    Finding finding = findings.get(0);
    assertThat(finding.principal())
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/deploy/" + burst);
    assertThat(finding.behaviour().identity()).isEqualTo(DEPLOY);
    assertThat(finding.explanation())
        .contains("by principal arn:aws:sts::" + ACCOUNT + ":assumed-role/deploy/" + burst)
        .contains("a session whose name is generated (a run of 6 or more digits)")
        .contains("profiled as its role " + DEPLOY)
        .contains("compared with the role's history");
  }

  @Test
  void newSensitiveOperation_reportedOnceForRole() throws Exception {
    List<CloudEvent> events = new ArrayList<>();
    for (int r = 0; r < 5; r++) {
      events.addAll(run("GitHubActions-100001" + (10 + r), DAY_1.plusSeconds(3600L * r), 20));
    }
    for (int r = 0; r < 3; r++) {
      String session = "GitHubActions-100002" + (10 + r);
      Instant start = DAY_2.plusSeconds(3600L * r);
      events.addAll(run(session, start, 5));
      events.add(
          call(
              "deploy",
              DEPLOY,
              session,
              start.plusSeconds(600),
              "iam CreateAccessKey",
              "198.51.100.7"));
    }

    List<Finding> findings = AnalyticsHarness.run(events, OPTIONS, SavedState.EMPTY).behavioural();

    assertThat(findings)
        .extracting(Finding::ruleId)
        .containsExactly(BehaviouralDetection.FIRST_SENSITIVE_OPERATION.ruleId());
    assertThat(findings.get(0).principal())
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/deploy/GitHubActions-10000210");
    assertThat(findings.get(0).explanation()).contains("profiled as its role " + DEPLOY);
  }

  @Test
  void savedState_keyedByRole() throws Exception {
    List<CloudEvent> events = new ArrayList<>();
    events.addAll(run("GitHubActions-10000101", DAY_1, 3));
    events.addAll(run("GitHubActions-10000102", DAY_2, 3));

    SavedState state = AnalyticsHarness.run(events, OPTIONS, SavedState.EMPTY).state();

    assertThat(state.identities().keySet())
        .filteredOn(key -> key.scope() == ProfileKey.Scope.PRINCIPAL)
        .extracting(ProfileKey::id)
        .containsExactly(DEPLOY);
    ProfileKey role = new ProfileKey(ProfileKey.Scope.PRINCIPAL, CloudProvider.AWS, DEPLOY);
    assertThat(state.get(role).events()).isEqualTo(6);
  }

  /**
   * A state file written before sessions with generated names shared their role's profile keeps one
   * identity per CI run. It still loads, and its runs' values still count as the role's history.
   */
  @Test
  void oldStateBySession_loadsAndTeachesRole(@TempDir Path folder) throws Exception {
    String oldSession = "arn:aws:sts::" + ACCOUNT + ":assumed-role/deploy/GitHubActions-10000001";
    String first = DAY_1.minus(Duration.ofDays(3)).toString();
    String last = DAY_1.minus(Duration.ofDays(2)).toString();
    Files.writeString(
        folder.resolve(StateFile.FILE_NAME),
        """
        {"format": "skywarden-analytics-state", "version": 2, "saved_at": "%2$s",
         "identities": [{"scope": "principal", "provider": "aws", "id": "%1$s",
           "type": "ROLE_SESSION", "account": "111122223333",
           "peer_groups": ["role %3$s", "type ROLE_SESSION in aws account 111122223333"],
           "events": 500, "first_seen": "%4$s", "last_seen": "%2$s",
           "rate": {"active_buckets": 40, "calls": 500, "failed": 0, "max_calls": 20,
                    "max_distinct_discovery": 1},
           "features": {
             "operation": [["s3.amazonaws.com ListBuckets", 500, "%4$s", "%2$s"]],
             "network": [["198.51.100.0/24", 500, "%4$s", "%2$s"]],
             "client": [["UNKNOWN", 500, "%4$s", "%2$s"]],
             "region": [["eu-west-1", 500, "%4$s", "%2$s"]]}}]}
        """
            .formatted(oldSession, last, DEPLOY, first));
    SavedState old = StateFile.read(folder);
    List<CloudEvent> events = new ArrayList<>();
    events.addAll(run("GitHubActions-10000300", DAY_1, 5));
    events.add(
        call(
            "deploy",
            DEPLOY,
            "GitHubActions-10000301",
            DAY_1.plusSeconds(3600),
            "s3 ListBuckets",
            "203.0.113.9"));

    AnalyticsHarness.Outcome outcome =
        AnalyticsHarness.run(events, OPTIONS.withTrainingWindow(Duration.ZERO), old);

    assertThat(old.identities()).hasSize(1);
    assertThat(outcome.behavioural())
        .as("only the network the old runs never used is new")
        .extracting(Finding::ruleId)
        .containsExactly(BehaviouralDetection.NEW_NETWORK.ruleId());
    assertThat(outcome.behavioural().get(0).explanation()).contains("203.0.113.0/24");
    assertThat(outcome.state().identities().keySet())
        .extracting(ProfileKey::id)
        .as("the old session ages out of the state later; the role is added")
        .contains(oldSession, DEPLOY);
  }
}
