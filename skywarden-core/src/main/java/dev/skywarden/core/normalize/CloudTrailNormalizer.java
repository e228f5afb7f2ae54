package dev.skywarden.core.normalize;

import static dev.skywarden.core.normalize.EventTimes.field;
import static dev.skywarden.core.normalize.JsonFields.bool;
import static dev.skywarden.core.normalize.JsonFields.path;
import static dev.skywarden.core.normalize.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.event.Actor;
import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.Api;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Credential;
import dev.skywarden.core.event.Credential.CredentialKind;
import dev.skywarden.core.event.LogKind;
import dev.skywarden.core.event.Outcome;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.fingerprint.ClientClassifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps AWS CloudTrail records (management and data events, console sign-ins) to events.
 *
 * <p>Fields: {@code eventTime} (Panther's {@code p_event_time} when absent), {@code eventID},
 * {@code recipientAccountId} else {@code userIdentity.accountId}, {@code awsRegion}, {@code
 * userIdentity}, {@code sourceIPAddress}, {@code userAgent}, {@code eventSource} and {@code
 * eventName}, {@code readOnly} (else a name-prefix guess), {@code errorCode} and {@code
 * errorMessage}, and {@code resources[].ARN}. Immutable and thread-safe.
 */
final class CloudTrailNormalizer implements FormatNormalizer {

  private static final Map<String, ActorType> ACTOR_TYPES =
      Map.of(
          "Root", ActorType.ROOT,
          "IAMUser", ActorType.USER,
          "AssumedRole", ActorType.ROLE_SESSION,
          "FederatedUser", ActorType.FEDERATED_USER,
          "SAMLUser", ActorType.FEDERATED_USER,
          "WebIdentityUser", ActorType.FEDERATED_USER,
          "IdentityCenterUser", ActorType.FEDERATED_USER,
          "AWSService", ActorType.CLOUD_SERVICE,
          "AWSAccount", ActorType.OTHER_ACCOUNT,
          "Unknown", ActorType.UNKNOWN);

  private final ClientClassifier classifier;

  CloudTrailNormalizer(ClientClassifier classifier) {
    this.classifier = classifier;
  }

  @Override
  public CloudEvent normalize(JsonNode record, SourceLocation location) throws SkipException {
    return normalize(record, location, JsonFields.keyBits(record));
  }

  /**
   * Maps one record. Top-level fields are read with {@code keyBits}, because a record lacks several
   * of them ({@code errorCode}, {@code errorMessage}, {@code resources}), and each lookup of an
   * absent field would compare its name with every key.
   */
  @Override
  public CloudEvent normalize(JsonNode record, SourceLocation location, long keyBits)
      throws SkipException {
    Instant time =
        EventTimes.read(record, field("eventTime"), field(EventTimes.PANTHER_EVENT_TIME));
    String eventId = text(record, keyBits, "eventID");
    JsonNode identity = path(record, keyBits, "userIdentity");
    Actor actor = actor(identity);
    String account = text(record, keyBits, "recipientAccountId");
    if (account == null) {
      account = actor.accountId();
    }

    String eventName = text(record, keyBits, "eventName");
    String userAgent = text(record, keyBits, "userAgent");
    Boolean readOnly = bool(record, "readOnly");
    if (readOnly == null) {
      readOnly = ReadOnlyHeuristics.fromNamePrefix(eventName);
    }
    boolean consoleSession =
        Boolean.TRUE.equals(bool(record, keyBits, "sessionCredentialFromConsole"))
            || Boolean.TRUE.equals(bool(identity, "sessionContext", "sessionCredentialFromConsole"))
            || "AwsConsoleSignIn".equals(text(record, keyBits, "eventType"));

    return new CloudEvent(
        time,
        LogKind.CLOUDTRAIL,
        eventId != null ? eventId : FormatNormalizer.syntheticId(location),
        account,
        text(record, keyBits, "awsRegion"),
        actor,
        credential(record, identity, eventName),
        SourceAddresses.parse(text(record, keyBits, "sourceIPAddress")),
        userAgent,
        new Api(text(record, keyBits, "eventSource"), eventName, readOnly),
        outcome(record, keyBits, eventName),
        resources(record, keyBits),
        classifier.classify(userAgent, null, consoleSession),
        record,
        location);
  }

  private static Actor actor(JsonNode identity) {
    if (identity == null || !identity.isObject()) {
      return Actor.UNKNOWN;
    }
    String typeName = text(identity, "type");
    ActorType type = typeName == null ? ActorType.UNKNOWN : ACTOR_TYPES.get(typeName);
    if (type == null) {
      type = ActorType.UNKNOWN;
    }
    String name = text(identity, "arn");
    if (name == null) {
      name = text(identity, "userName");
    }
    if (name == null) {
      // AWSService identities name the service only in invokedBy.
      name = text(identity, "invokedBy");
    }
    String principalId = text(identity, "principalId");
    // Read only without a name: most identities lack onBehalfOf, and each lookup of an absent
    // field compares its name with every key.
    String onBehalfOf = name == null ? text(identity, "onBehalfOf", "userId") : null;
    if (onBehalfOf != null) {
      // IAM Identity Center users have no ARN: the user id within its identity store names them.
      String store = text(identity, "onBehalfOf", "identityStoreArn");
      name = store == null ? onBehalfOf : store + "/user/" + onBehalfOf;
      principalId = principalId == null ? onBehalfOf : principalId;
    }
    return new Actor(
        type,
        principalId,
        name,
        text(identity, "accountId"),
        text(identity, "sessionContext", "sessionIssuer", "arn"),
        null);
  }

  private static Credential credential(JsonNode record, JsonNode identity, String eventName) {
    Boolean mfa = bool(identity, "sessionContext", "attributes", "mfaAuthenticated");
    if ("ConsoleLogin".equals(eventName)) {
      Boolean mfaUsed = bool(record, "additionalEventData", "MFAUsed");
      return new Credential(null, CredentialKind.PASSWORD, mfaUsed != null ? mfaUsed : mfa);
    }

    String keyId = text(identity, "accessKeyId");
    CredentialKind kind = CredentialKind.UNKNOWN;
    if (keyId != null && keyId.startsWith("AKIA")) {
      kind = CredentialKind.ACCESS_KEY;
    } else if (keyId != null && keyId.startsWith("ASIA")) {
      kind = CredentialKind.SESSION;
    }
    if (keyId == null && mfa == null) {
      return Credential.NONE;
    }
    return new Credential(keyId, kind, mfa);
  }

  private static Outcome outcome(JsonNode record, long keyBits, String eventName) {
    String errorCode = text(record, keyBits, "errorCode");
    String errorMessage = text(record, keyBits, "errorMessage");
    if (errorCode != null || errorMessage != null) {
      return new Outcome(false, errorCode, errorMessage);
    }
    if ("ConsoleLogin".equals(eventName)
        && "Failure".equalsIgnoreCase(text(record, "responseElements", "ConsoleLogin"))) {
      return new Outcome(false, "Failure", null);
    }
    return Outcome.SUCCESS;
  }

  private static List<String> resources(JsonNode record, long keyBits) {
    JsonNode listed = path(record, keyBits, "resources");
    if (listed == null) {
      return List.of();
    }
    List<String> arns = new ArrayList<>();
    for (JsonNode resource : JsonFields.elements(listed)) {
      // Some producers write resources as plain ARN strings instead of objects.
      String arn = resource.isTextual() ? resource.asText() : text(resource, "ARN");
      if (arn != null && !arn.isEmpty()) {
        arns.add(arn);
      }
    }
    return arns;
  }
}
