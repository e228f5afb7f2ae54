package dev.skywarden.core.finding;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skywarden.core.event.Actor;
import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.Api;
import dev.skywarden.core.event.ClientFingerprint;
import dev.skywarden.core.event.ClientKind;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Credential;
import dev.skywarden.core.event.LogKind;
import dev.skywarden.core.event.Outcome;
import dev.skywarden.core.event.SourceAddress;
import dev.skywarden.core.event.SourceLocation;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;

/** Builds small, hand-written CloudTrail-like hits for finding and report tests. */
public final class TestHits {

  public static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private TestHits() {}

  /**
   * Returns a CloudTrail event by the given user at {@code T0 + seconds}, read from line {@code
   * index}.
   */
  public static CloudEvent event(
      String user, int seconds, int index, String accessKey, String ip, String operation) {
    InetAddress address;
    try {
      address = InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("test IP must be a literal: " + ip, e);
    }
    return new CloudEvent(
        T0.plusSeconds(seconds),
        LogKind.CLOUDTRAIL,
        "evt-" + index,
        "111122223333",
        "eu-west-1",
        new Actor(
            ActorType.USER,
            "AIDA" + user.toUpperCase(java.util.Locale.ROOT),
            "arn:aws:iam::111122223333:user/" + user,
            "111122223333",
            null,
            null),
        new Credential(accessKey, Credential.CredentialKind.ACCESS_KEY, Boolean.FALSE),
        new SourceAddress(address, null),
        "aws-cli/2.15.0 Python/3.11",
        new Api("iam.amazonaws.com", operation, Boolean.FALSE),
        Outcome.SUCCESS,
        List.of("arn:aws:iam::111122223333:user/" + user),
        new ClientFingerprint(ClientKind.AWS_CLI, "aws-cli", "2.15.0", List.of("AWS_CLI:aws-cli")),
        JsonNodeFactory.instance.objectNode().put("eventName", operation),
        new SourceLocation("trail.json", index, index));
  }

  /** Returns a copy of the event whose call failed with the given error code. */
  public static CloudEvent failed(CloudEvent event, String errorCode) {
    return copy(
        event,
        event.time(),
        event.actor(),
        new Outcome(false, errorCode, "denied by test"),
        event.resources(),
        event.client());
  }

  /** Returns a copy of the event made by {@code actor}. */
  public static CloudEvent by(CloudEvent event, Actor actor) {
    return copy(event, event.time(), actor, event.outcome(), event.resources(), event.client());
  }

  /** Returns a copy of the event that names the given resources. */
  public static CloudEvent touching(CloudEvent event, String... resources) {
    return copy(
        event, event.time(), event.actor(), event.outcome(), List.of(resources), event.client());
  }

  /** Returns a copy of the event made by the given client. */
  public static CloudEvent by(CloudEvent event, ClientFingerprint client) {
    return copy(event, event.time(), event.actor(), event.outcome(), event.resources(), client);
  }

  /** Returns a copy of the event at another time. */
  public static CloudEvent at(CloudEvent event, java.time.Instant time) {
    return copy(event, time, event.actor(), event.outcome(), event.resources(), event.client());
  }

  /** Returns a copy of the event signed with another credential. */
  public static CloudEvent signedWith(
      CloudEvent event, dev.skywarden.core.event.Credential credential) {
    return new CloudEvent(
        event.time(),
        event.kind(),
        event.eventId(),
        event.account(),
        event.region(),
        event.actor(),
        credential,
        event.source(),
        event.userAgent(),
        event.api(),
        event.outcome(),
        event.resources(),
        event.client(),
        event.raw(),
        event.location());
  }

  /** Returns a hit of rule {@code ruleId} on the given event. */
  public static DetectionHit hit(String ruleId, Severity severity, CloudEvent event) {
    return new DetectionHit(
        ruleId,
        "Rule " + ruleId,
        severity,
        List.of("T1059.009", "T1078.004"),
        event,
        event.api().operation() + " called by " + event.actor().displayName());
  }

  /** Returns a copy of the event with the given time, actor, outcome, resources and client. */
  private static CloudEvent copy(
      CloudEvent event,
      Instant time,
      Actor actor,
      Outcome outcome,
      List<String> resources,
      ClientFingerprint client) {
    return new CloudEvent(
        time,
        event.kind(),
        event.eventId(),
        event.account(),
        event.region(),
        actor,
        event.credential(),
        event.source(),
        event.userAgent(),
        event.api(),
        outcome,
        resources,
        client,
        event.raw(),
        event.location());
  }
}
