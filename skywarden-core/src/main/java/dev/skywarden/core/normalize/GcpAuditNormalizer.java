package dev.skywarden.core.normalize;

import static dev.skywarden.core.normalize.EventTimes.field;
import static dev.skywarden.core.normalize.JsonFields.firstText;
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
import dev.skywarden.core.stats.SkipReason;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps GCP Cloud Audit Logs {@code LogEntry} records to events: the {@code protoPayload} {@code
 * AuditLog} form, and the legacy Compute Engine activity form in {@code jsonPayload} ({@code
 * event_subtype}, {@code actor.user}, {@code ip_address}, {@code user_agent}).
 *
 * <p>The project comes from {@code resource.labels.project_id}, else from {@code logName} ({@code
 * projects/P/logs/...}), and an organization or folder log gives {@code organizations/N} or {@code
 * folders/N}. A non-zero {@code protoPayload.status.code} is a failure, and an empty {@code status}
 * is a success. Immutable and thread-safe.
 */
final class GcpAuditNormalizer implements FormatNormalizer {

  private static final Pattern LOG_NAME_PARENT =
      Pattern.compile("^(projects|organizations|folders|billingAccounts)/([^/]+)/logs/");
  private static final Pattern RESOURCE_PROJECT = Pattern.compile("^projects/([^/_][^/]*)");
  private static final String SERVICE_ACCOUNT_DOMAIN = ".gserviceaccount.com";
  private static final String KUBERNETES_SERVICE_ACCOUNT = "system:serviceaccount:";

  private final ClientClassifier classifier;

  GcpAuditNormalizer(ClientClassifier classifier) {
    this.classifier = classifier;
  }

  @Override
  public CloudEvent normalize(JsonNode record, SourceLocation location) throws SkipException {
    JsonNode payload = path(record, "protoPayload");
    if (payload == null) {
      return normalizeLegacy(record, location);
    }
    Instant time =
        EventTimes.read(
            record,
            field("timestamp"),
            field("receiveTimestamp"),
            field(EventTimes.PANTHER_EVENT_TIME),
            field("protoPayload", "requestMetadata", "requestAttributes", "time"));
    String method = text(payload, "methodName");
    if (method == null) {
      // A shortened entry may name the method only through the request type.
      String requestType =
          firstText(payload, field("request", "@type"), field("request", "at_sign_type"));
      method = requestType == null ? null : requestType.substring(requestType.lastIndexOf('/') + 1);
    }
    if (method == null) {
      throw new SkipException(
          SkipReason.MISSING_FIELD, "GCP audit entry without protoPayload.methodName");
    }
    String resourceName = text(payload, "resourceName");
    String userAgent = text(payload, "requestMetadata", "callerSuppliedUserAgent");
    String eventId = text(record, "insertId");
    String service = text(payload, "serviceName");
    if (service == null) {
      service = text(record, "resource", "labels", "service");
    }

    return new CloudEvent(
        time,
        LogKind.GCP_AUDIT,
        eventId != null ? eventId : FormatNormalizer.syntheticId(location),
        project(record, resourceName),
        firstText(
            record,
            field("resource", "labels", "location"),
            field("resource", "labels", "region"),
            field("resource", "labels", "zone")),
        actor(payload),
        credential(payload),
        SourceAddresses.parse(text(payload, "requestMetadata", "callerIp")),
        userAgent,
        new Api(service, method, GcpMethodVerbs.readOnly(payload, method)),
        outcome(payload),
        resourceName == null ? List.of() : List.of(resourceName),
        classifier.classify(userAgent, null),
        record,
        location);
  }

  private CloudEvent normalizeLegacy(JsonNode record, SourceLocation location)
      throws SkipException {
    JsonNode payload = path(record, "jsonPayload");
    Instant time =
        EventTimes.read(
            record,
            field("timestamp"),
            field("receiveTimestamp"),
            field(EventTimes.PANTHER_EVENT_TIME));
    String method = text(payload, "event_subtype");
    String userAgent = text(payload, "user_agent");
    String principal = text(payload, "actor", "user");
    String resourceName = text(payload, "resource", "name");
    String eventId = firstText(record, field("insertId"), field("jsonPayload", "trace_id"));
    boolean failed = path(payload, "error") != null;

    return new CloudEvent(
        time,
        LogKind.GCP_AUDIT,
        eventId != null ? eventId : FormatNormalizer.syntheticId(location),
        project(record, null),
        firstText(
            record, field("resource", "labels", "zone"), field("jsonPayload", "resource", "zone")),
        new Actor(principalType(principal), null, principal, null, null, null),
        Credential.NONE,
        SourceAddresses.parse(text(payload, "ip_address")),
        userAgent,
        new Api("compute.googleapis.com", method, GcpMethodVerbs.fromMethod(method)),
        failed
            ? new Outcome(false, text(payload, "error", "code"), text(payload, "error", "message"))
            : Outcome.SUCCESS,
        resourceName == null ? List.of() : List.of(resourceName),
        classifier.classify(userAgent, null),
        record,
        location);
  }

  private static String project(JsonNode record, String resourceName) {
    String project = text(record, "resource", "labels", "project_id");
    if (project != null) {
      return project;
    }
    String logName = text(record, "logName");
    if (logName != null) {
      Matcher matcher = LOG_NAME_PARENT.matcher(logName);
      if (matcher.find()) {
        return matcher.group(1).equals("projects")
            ? matcher.group(2)
            : matcher.group(1) + "/" + matcher.group(2);
      }
    }
    if (resourceName != null) {
      Matcher matcher = RESOURCE_PROJECT.matcher(resourceName);
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    return null;
  }

  private static Actor actor(JsonNode payload) {
    JsonNode authentication = path(payload, "authenticationInfo");
    String email = text(authentication, "principalEmail");
    String subject = text(authentication, "principalSubject");
    if (email == null && subject == null) {
      // Denied calls often carry an empty authenticationInfo.
      return Actor.UNKNOWN;
    }
    String issuer = null;
    List<JsonNode> delegation =
        JsonFields.elements(path(authentication, "serviceAccountDelegationInfo"));
    if (!delegation.isEmpty()) {
      issuer =
          firstText(
              delegation.get(0),
              field("firstPartyPrincipal", "principalEmail"),
              field("principalSubject"),
              field("thirdPartyPrincipal", "thirdPartyClaims", "sub"));
    }
    return new Actor(
        principalType(email), subject, email != null ? email : subject, null, issuer, null);
  }

  private static ActorType principalType(String email) {
    if (email == null) {
      return ActorType.UNKNOWN;
    }
    if (email.endsWith(SERVICE_ACCOUNT_DOMAIN) || email.startsWith(KUBERNETES_SERVICE_ACCOUNT)) {
      return ActorType.SERVICE_ACCOUNT;
    }
    return ActorType.USER;
  }

  private static Credential credential(JsonNode payload) {
    String keyName = text(payload, "authenticationInfo", "serviceAccountKeyName");
    if (keyName != null) {
      return new Credential(keyName, CredentialKind.SERVICE_ACCOUNT_KEY, null);
    }
    return Credential.NONE;
  }

  /** Reads {@code status.code}, where 0, an absent code or an empty status is a success. */
  private static Outcome outcome(JsonNode payload) {
    JsonNode status = path(payload, "status");
    String code = text(status, "code");
    if (code == null || code.equals("0")) {
      return Outcome.SUCCESS;
    }
    return new Outcome(false, code, text(status, "message"));
  }
}
