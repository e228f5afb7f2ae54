package dev.skywarden.core.normalize;

import static dev.skywarden.core.normalize.EventTimes.field;
import static dev.skywarden.core.normalize.JsonFields.bool;
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
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Maps Entra ID sign-in records to events: the diagnostic settings shape (category {@code
 * SignInLogs}, {@code NonInteractiveUserSignInLogs}, {@code ServicePrincipalSignInLogs} or {@code
 * ManagedIdentitySignInLogs}, fields under {@code properties}), the Log Analytics tables ({@code
 * SigninLogs} and the {@code AAD...SignInLogs} tables, flattened columns) and the Microsoft Graph
 * shape (fields at the top level). Field names are matched ignoring case, so one set of reads
 * covers all three.
 *
 * <p>MFA comes from {@code authenticationRequirement}, else from a non-empty {@code mfaDetail} or
 * an {@code authenticationDetails} step that satisfied an MFA requirement. Immutable and
 * thread-safe.
 */
final class EntraSignInNormalizer implements FormatNormalizer {

  private final ClientClassifier classifier;

  EntraSignInNormalizer(ClientClassifier classifier) {
    this.classifier = classifier;
  }

  @Override
  public CloudEvent normalize(JsonNode record, SourceLocation location) throws SkipException {
    Instant time =
        EventTimes.read(
            record,
            field("time"),
            field("properties", "createdDateTime"),
            field("createdDateTime"),
            field("TimeGenerated"),
            field(EventTimes.PANTHER_EVENT_TIME));
    JsonNode properties = properties(record);
    String category = firstText(record, field("category"), field("Type"));
    Actor actor = actor(record, properties, category);
    String userAgent = text(properties, "userAgent");
    String eventId = firstText(properties, field("id"), field("correlationId"));
    if (eventId == null) {
      eventId = text(record, "correlationId");
    }
    String operation = text(record, "operationName");
    String resource = firstText(properties, field("resourceDisplayName"), field("resourceId"));

    return new CloudEvent(
        time,
        LogKind.ENTRA_SIGNIN,
        eventId != null ? eventId : FormatNormalizer.syntheticId(location),
        actor.accountId(),
        null,
        actor,
        credential(properties, category),
        SourceAddresses.parse(sourceIp(record, properties)),
        userAgent,
        new Api(
            resource != null ? resource : "Microsoft Entra ID",
            operation != null ? operation : "Sign-in activity",
            null),
        outcome(record, properties),
        resources(properties),
        classifier.classify(userAgent, actor.applicationId()),
        AzureRecordRepair.repair(record, true),
        location);
  }

  /** Returns {@code properties} when the record nests its fields there, else the record. */
  static JsonNode properties(JsonNode record) {
    JsonNode properties = path(record, "properties");
    return properties != null && properties.isObject() ? properties : record;
  }

  private static Actor actor(JsonNode record, JsonNode properties, String category) {
    String tenant =
        firstText(
            record, field("tenantId"), field("properties", "homeTenantId"), field("AADTenantId"));
    if (tenant == null) {
      tenant = text(properties, "tenantId");
    }
    String appId = text(properties, "appId");
    String lowerCategory = category == null ? "" : category.toLowerCase(Locale.ROOT);
    if (lowerCategory.contains("serviceprincipal")) {
      return new Actor(
          ActorType.SERVICE_PRINCIPAL,
          text(properties, "servicePrincipalId"),
          firstText(properties, field("servicePrincipalName"), field("appDisplayName")),
          tenant,
          null,
          appId);
    }
    if (lowerCategory.contains("managedidentity")) {
      return new Actor(
          ActorType.MANAGED_IDENTITY,
          text(properties, "servicePrincipalId"),
          firstText(properties, field("servicePrincipalName"), field("appDisplayName")),
          tenant,
          null,
          appId);
    }
    String name = text(properties, "userPrincipalName");
    if (name == null) {
      name = text(record, "identity");
    }
    return new Actor(ActorType.USER, text(properties, "userId"), name, tenant, null, appId);
  }

  private static Credential credential(JsonNode properties, String category) {
    Boolean mfa = mfaUsed(properties);
    String lowerCategory = category == null ? "" : category.toLowerCase(Locale.ROOT);
    if (lowerCategory.contains("serviceprincipal")) {
      return new Credential(
          text(properties, "servicePrincipalCredentialKeyId"), CredentialKind.UNKNOWN, null);
    }
    if (lowerCategory.contains("managedidentity") || lowerCategory.contains("noninteractive")) {
      return new Credential(null, CredentialKind.TOKEN, mfa);
    }
    CredentialKind kind = CredentialKind.UNKNOWN;
    for (JsonNode step : JsonFields.elements(path(properties, "authenticationDetails"))) {
      String method = text(step, "authenticationMethod");
      if (method != null && method.toLowerCase(Locale.ROOT).contains("password")) {
        kind = CredentialKind.PASSWORD;
      }
    }
    if (kind == CredentialKind.UNKNOWN && Boolean.FALSE.equals(bool(properties, "isInteractive"))) {
      kind = CredentialKind.TOKEN;
    }
    return new Credential(null, kind, mfa);
  }

  static Boolean mfaUsed(JsonNode properties) {
    String requirement = text(properties, "authenticationRequirement");
    if ("multiFactorAuthentication".equalsIgnoreCase(requirement)) {
      return Boolean.TRUE;
    }
    if ("singleFactorAuthentication".equalsIgnoreCase(requirement)) {
      return Boolean.FALSE;
    }
    JsonNode mfaDetail = path(properties, "mfaDetail");
    if (mfaDetail != null && text(mfaDetail, "authMethod") != null) {
      return Boolean.TRUE;
    }
    for (JsonNode step : JsonFields.elements(path(properties, "authenticationDetails"))) {
      String detail = text(step, "authenticationStepResultDetail");
      String satisfied = text(step, "succeeded");
      if (detail != null
          && detail.toLowerCase(Locale.ROOT).contains("mfa")
          && !"false".equalsIgnoreCase(satisfied)) {
        return Boolean.TRUE;
      }
    }
    return null;
  }

  private static String sourceIp(JsonNode record, JsonNode properties) {
    String ip = firstText(properties, field("ipAddress"), field("IPAddress"));
    return ip != null ? ip : text(record, "callerIpAddress");
  }

  /** Reads {@code status.errorCode}, where any value other than 0 is a failed sign-in. */
  private static Outcome outcome(JsonNode record, JsonNode properties) {
    String errorCode = text(properties, "status", "errorCode");
    String message = text(properties, "status", "failureReason");
    if (errorCode == null) {
      // Log Analytics and diagnostic settings also carry the code as resultType.
      errorCode = firstText(record, field("ResultType"), field("resultType"));
      message = firstText(record, field("ResultDescription"), field("resultDescription"));
    }
    if (errorCode == null || errorCode.equals("0") || errorCode.equalsIgnoreCase("success")) {
      return Outcome.SUCCESS;
    }
    return new Outcome(false, errorCode, message);
  }

  private static List<String> resources(JsonNode properties) {
    String resourceId = text(properties, "resourceId");
    return resourceId == null ? List.of() : List.of(resourceId);
  }
}
