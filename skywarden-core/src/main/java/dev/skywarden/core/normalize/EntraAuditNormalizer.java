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
import dev.skywarden.core.event.LogKind;
import dev.skywarden.core.event.Outcome;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.fingerprint.ClientClassifier;
import dev.skywarden.core.stats.SkipReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Maps Entra ID audit records to events: the diagnostic settings shape (category {@code AuditLogs},
 * fields under {@code properties}), the Log Analytics {@code AuditLogs} table and the Microsoft
 * Graph {@code directoryAudit} shape.
 *
 * <p>The actor is {@code initiatedBy.user} (a user) or {@code initiatedBy.app} (a service
 * principal). The user agent is the {@code User-Agent} entry of the {@code additionalDetails}
 * key-value list. Immutable and thread-safe.
 */
final class EntraAuditNormalizer implements FormatNormalizer {

  private static final Set<String> WRITE_OPERATION_TYPES =
      Set.of("add", "update", "delete", "assign", "unassign");

  private final ClientClassifier classifier;

  EntraAuditNormalizer(ClientClassifier classifier) {
    this.classifier = classifier;
  }

  @Override
  public CloudEvent normalize(JsonNode record, SourceLocation location) throws SkipException {
    Instant time =
        EventTimes.read(
            record,
            field("time"),
            field("properties", "activityDateTime"),
            field("activityDateTime"),
            field("TimeGenerated"),
            field(EventTimes.PANTHER_EVENT_TIME));
    JsonNode properties = EntraSignInNormalizer.properties(record);
    String activity =
        firstText(
            properties,
            field("activityDisplayName"),
            field("OperationName"),
            field("operationName"));
    if (activity == null) {
      throw new SkipException(
          SkipReason.MISSING_FIELD, "Entra audit record without activityDisplayName");
    }
    String tenant = firstText(record, field("tenantId"), field("AADTenantId"));
    Actor actor = actor(path(properties, "initiatedBy"), tenant);
    String userAgent = JsonFields.keyValue(path(properties, "additionalDetails"), "User-Agent");
    String eventId = firstText(properties, field("id"), field("correlationId"));
    if (eventId == null) {
      eventId = text(record, "correlationId");
    }

    return new CloudEvent(
        time,
        LogKind.ENTRA_AUDIT,
        eventId != null ? eventId : FormatNormalizer.syntheticId(location),
        tenant,
        null,
        actor,
        Credential.NONE,
        SourceAddresses.parse(sourceIp(record, properties)),
        userAgent,
        new Api(text(properties, "loggedByService"), activity, readOnly(properties)),
        outcome(properties),
        targets(properties),
        classifier.classify(userAgent, actor.applicationId()),
        AzureRecordRepair.repair(record, true),
        location);
  }

  private static Actor actor(JsonNode initiatedBy, String tenant) {
    JsonNode user = path(initiatedBy, "user");
    if (user != null && (text(user, "userPrincipalName") != null || text(user, "id") != null)) {
      return new Actor(
          ActorType.USER,
          text(user, "id"),
          firstText(user, field("userPrincipalName"), field("displayName")),
          tenant,
          null,
          null);
    }
    JsonNode app = path(initiatedBy, "app");
    if (app != null && (text(app, "appId") != null || text(app, "servicePrincipalId") != null)) {
      return new Actor(
          ActorType.SERVICE_PRINCIPAL,
          text(app, "servicePrincipalId"),
          firstText(app, field("servicePrincipalName"), field("displayName")),
          tenant,
          null,
          text(app, "appId"));
    }
    return new Actor(ActorType.UNKNOWN, null, null, tenant, null, null);
  }

  private static String sourceIp(JsonNode record, JsonNode properties) {
    String ip = text(properties, "initiatedBy", "user", "ipAddress");
    return ip != null ? ip : text(record, "callerIpAddress");
  }

  private static Boolean readOnly(JsonNode properties) {
    String type = text(properties, "operationType");
    if (type == null) {
      return null;
    }
    return WRITE_OPERATION_TYPES.contains(type.toLowerCase(java.util.Locale.ROOT))
        ? Boolean.FALSE
        : null;
  }

  private static Outcome outcome(JsonNode properties) {
    String result = firstText(properties, field("result"), field("Result"));
    if (result == null || result.equalsIgnoreCase("success")) {
      return Outcome.SUCCESS;
    }
    return new Outcome(false, result, text(properties, "resultReason"));
  }

  private static List<String> targets(JsonNode properties) {
    List<String> targets = new ArrayList<>();
    for (JsonNode target : JsonFields.elements(path(properties, "targetResources"))) {
      String id = firstText(target, field("id"), field("displayName"));
      if (id != null) {
        targets.add(id);
      }
    }
    return targets;
  }
}
