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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps Azure Activity Log records to events, in the three export shapes: diagnostic settings
 * ({@code time}, {@code operationName}, {@code resultType}, {@code identity.claims}), the REST API
 * ({@code eventTimestamp}, {@code {value, localizedValue}} objects, {@code caller}, {@code claims},
 * {@code httpRequest}) and the Log Analytics {@code AzureActivity} table ({@code TimeGenerated},
 * {@code OperationNameValue}, {@code Caller}, {@code CallerIpAddress}).
 *
 * <p>Azure resource logs in the diagnostic settings shape (Storage, Key Vault) are read the same
 * way and reported as {@link LogKind#AZURE_ACTIVITY}.
 *
 * <p>The event id is {@code eventDataId}, which diagnostic settings write under {@code properties}.
 * NOTE: without it the id falls back to {@code correlationId}, which the start and end records of
 * one operation share. Immutable and thread-safe.
 */
final class AzureActivityNormalizer implements FormatNormalizer {

  private static final Pattern SUBSCRIPTION =
      Pattern.compile("^/subscriptions/([^/]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern PROVIDER =
      Pattern.compile("/providers/([^/]+)", Pattern.CASE_INSENSITIVE);
  private static final int FIRST_HTTP_ERROR = 400;

  private final ClientClassifier classifier;

  AzureActivityNormalizer(ClientClassifier classifier) {
    this.classifier = classifier;
  }

  @Override
  public CloudEvent normalize(JsonNode record, SourceLocation location) throws SkipException {
    Instant time =
        EventTimes.read(
            record,
            field("time"),
            field("eventTimestamp"),
            field("TimeGenerated"),
            field(EventTimes.PANTHER_EVENT_TIME));
    String operation =
        firstText(
            record, field("OperationNameValue"), field("operationName"), field("evt", "name"));
    if (operation == null) {
      throw new SkipException(SkipReason.MISSING_FIELD, "Azure record without operationName");
    }
    String resourceId = firstText(record, field("resourceId"), field("_ResourceId"));
    AzureClaims claims = AzureClaims.of(record);
    Actor actor = actor(record, claims);
    String userAgent =
        firstText(
            record,
            field("httpRequest", "userAgent"),
            field("properties", "userAgentHeader"),
            field("properties", "userAgent"));
    String eventId =
        firstText(
            record,
            field("eventDataId"),
            field("properties", "eventDataId"),
            field("id"),
            field("correlationId"));

    return new CloudEvent(
        time,
        LogKind.AZURE_ACTIVITY,
        eventId != null ? eventId : FormatNormalizer.syntheticId(location),
        account(record, resourceId),
        firstText(record, field("location"), field("Location")),
        actor,
        new Credential(
            claims.tokenId(),
            claims.isPresent() ? CredentialKind.TOKEN : CredentialKind.UNKNOWN,
            claims.mfaUsed()),
        SourceAddresses.parse(sourceIp(record, claims)),
        userAgent,
        new Api(service(record, operation, resourceId), operation, readOnly(operation)),
        outcome(record),
        resources(record, resourceId),
        classifier.classify(userAgent, actor.applicationId()),
        AzureRecordRepair.repair(record, false),
        location);
  }

  private static Actor actor(JsonNode record, AzureClaims claims) {
    String caller = firstText(record, field("caller"), field("Caller"));
    JsonNode identity = path(record, "identity");
    if (caller == null && identity != null && identity.isTextual()) {
      // Some exports give identity as the caller's name instead of an object.
      caller = identity.asText();
    }
    String name = claims.upn() != null ? claims.upn() : caller;

    ActorType type = claims.actorType();
    if (type == ActorType.UNKNOWN && caller != null && caller.contains("@")) {
      type = ActorType.USER;
    }
    String tenant = claims.tenantId() != null ? claims.tenantId() : text(record, "tenantId");
    return new Actor(type, claims.objectId(), name, tenant, null, claims.appId());
  }

  private static String sourceIp(JsonNode record, AzureClaims claims) {
    String ip =
        firstText(
            record,
            field("callerIpAddress"),
            field("httpRequest", "clientIpAddress"),
            field("CallerIpAddress"));
    return ip != null ? ip : claims.ipAddress();
  }

  private static String account(JsonNode record, String resourceId) {
    if (resourceId != null) {
      Matcher matcher = SUBSCRIPTION.matcher(resourceId);
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    String subscription = text(record, "subscriptionId");
    return subscription != null ? subscription : text(record, "tenantId");
  }

  private static String service(JsonNode record, String operation, String resourceId) {
    String provider =
        firstText(record, field("ResourceProviderValue"), field("resourceProviderName"));
    if (provider != null) {
      return provider;
    }
    int slash = operation.indexOf('/');
    if (slash > 0) {
      return operation.substring(0, slash);
    }
    if (resourceId != null) {
      Matcher matcher = PROVIDER.matcher(resourceId);
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    return null;
  }

  /**
   * Reads the operation kind from its last segment ({@code /read} or {@code /write}, {@code
   * /delete}, {@code /action}). Resource-log operations such as {@code GetBlob} fall back to the
   * name prefix.
   */
  static Boolean readOnly(String operation) {
    String lower = operation.toLowerCase(Locale.ROOT);
    if (lower.endsWith("/read")) {
      return Boolean.TRUE;
    }
    if (lower.endsWith("/write") || lower.endsWith("/delete") || lower.endsWith("/action")) {
      return Boolean.FALSE;
    }
    return operation.contains("/") ? null : ReadOnlyHeuristics.fromNamePrefix(operation);
  }

  private static Outcome outcome(JsonNode record) {
    String status =
        firstText(
            record,
            field("ActivityStatusValue"),
            field("status"),
            field("resultType"),
            field("evt", "outcome"));
    String errorCode =
        firstText(
            record,
            field("ActivitySubstatusValue"),
            field("subStatus"),
            field("resultSignature"),
            field("properties", "statusCode"));
    String message =
        firstText(
            record,
            field("resultDescription"),
            field("properties", "statusMessage"),
            field("statusText"));
    if (status != null) {
      String lower = status.toLowerCase(Locale.ROOT);
      if (lower.equals("failed") || lower.equals("failure")) {
        return new Outcome(false, errorCode, message);
      }
    }

    // Storage resource logs report an HTTP status code instead.
    JsonNode httpStatus = path(record, "statusCode");
    if (httpStatus != null
        && httpStatus.canConvertToInt()
        && httpStatus.asInt() >= FIRST_HTTP_ERROR) {
      return new Outcome(false, httpStatus.asText(), text(record, "statusText"));
    }
    return Outcome.SUCCESS;
  }

  private static List<String> resources(JsonNode record, String resourceId) {
    List<String> resources = new ArrayList<>();
    if (resourceId != null) {
      resources.add(resourceId);
    }
    String entity = text(record, "properties", "entity");
    if (entity != null && !entity.equalsIgnoreCase(resourceId)) {
      resources.add(entity);
    }
    return resources;
  }
}
