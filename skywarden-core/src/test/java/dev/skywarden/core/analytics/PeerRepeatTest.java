package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skywarden.core.event.Actor;
import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.Api;
import dev.skywarden.core.event.ClientFingerprint;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Credential;
import dev.skywarden.core.event.LogKind;
import dev.skywarden.core.event.Outcome;
import dev.skywarden.core.event.SourceAddress;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.finding.Finding;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CI runs: each run is a role session of its own, judged against the role's other sessions. */
class PeerRepeatTest {

  private static final Instant DAY_1 = Instant.parse("2026-03-02T08:00:00Z");
  private static final Instant DAY_2 = DAY_1.plus(Duration.ofDays(1)).plus(Duration.ofHours(6));
  private static int line;

  private static CloudEvent call(String run, String address, Instant time) throws Exception {
    line++;
    String name = "arn:aws:sts::111122223333:assumed-role/deploy/GitHubActions-" + run;
    return new CloudEvent(
        time,
        LogKind.CLOUDTRAIL,
        "evt-" + line,
        "111122223333",
        "eu-west-1",
        new Actor(
            ActorType.ROLE_SESSION,
            "AROA1:GitHubActions-" + run,
            name,
            "111122223333",
            "arn:aws:iam::111122223333:role/deploy",
            null),
        new Credential("ASIA" + run, Credential.CredentialKind.SESSION, null),
        new SourceAddress(InetAddress.getByName(address), null, null),
        "aws-cli/2.15.0",
        new Api("s3.amazonaws.com", "ListBuckets", Boolean.TRUE),
        Outcome.SUCCESS,
        List.of(),
        ClientFingerprint.UNKNOWN,
        JsonNodeFactory.instance.objectNode(),
        new SourceLocation("trail.json", line, line));
  }

  private static List<Finding> newNetworks(List<String> laterRuns) throws Exception {
    List<CloudEvent> events = new ArrayList<>();
    for (int run = 1; run <= 3; run++) {
      for (int i = 0; i < 60; i++) {
        events.add(call("train" + run, "198.51.100.7", DAY_1.plusSeconds(run * 3600L + i)));
      }
    }
    for (int run = 0; run < laterRuns.size(); run++) {
      events.add(call(laterRuns.get(run), "203.0.113.9", DAY_2.plusSeconds(run * 600L)));
    }
    AnalyticsOptions options = new AnalyticsOptions(Duration.ofHours(24), AnalyticsLimits.DEFAULTS);
    return AnalyticsHarness.run(events, options, SavedState.EMPTY).behavioural().stream()
        .filter(f -> f.ruleId().equals(BehaviouralDetection.NEW_NETWORK.ruleId()))
        .toList();
  }

  @Test
  void sharedNewNetwork_reportedOnceForGroup() throws Exception {
    assertThat(newNetworks(List.of("late1"))).hasSize(1);
    assertThat(newNetworks(List.of("late1", "late2", "late3"))).hasSize(1);
  }
}
